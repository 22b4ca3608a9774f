using System.Collections.Immutable;
using CloudMesh.Proxy.Xds.Protocol;
using CloudMesh.Proxy.Xds.State;
using Envoy.Service.Discovery.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.Proxy.Xds.Persistence;

/// <summary>
/// The last accepted state on disk. Format: the 8 bytes <c>CMXDS01\n</c>, then one length-delimited
/// <see cref="DeltaDiscoveryResponse"/> per type that was ever accepted: type_url, system_version_info = the accepted
/// version, and every held resource with its name and (delta) version. Reusing Envoy's own message keeps the file
/// readable with any protobuf tool and needs no schema of ours.
/// </summary>
internal static class XdsStateFile
{
    private static readonly byte[] Magic = "CMXDS01\n"u8.ToArray();

    /// <summary>Writes <paramref name="held"/> to a temp file next to <paramref name="path"/>, flushes it to disk, and renames it over.</summary>
    public static async Task WriteAsync(string path, HeldXdsState held, CancellationToken cancellationToken)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await stream.WriteAsync(Magic, cancellationToken).ConfigureAwait(false);
                foreach (DeltaDiscoveryResponse type in Encode(held))
                {
                    type.WriteDelimitedTo(stream);
                }

                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a state file, or a resource in it does not decode.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static HeldXdsState Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> magic = stackalloc byte[Magic.Length];
        if (stream.ReadAtLeast(magic, Magic.Length, throwOnEndOfStream: false) != Magic.Length || !magic.SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{path}' is not a CloudMesh xDS state file (wrong header).");
        }

        HeldXdsState held = HeldXdsState.Empty;
        var seenTypes = new HashSet<string>(StringComparer.Ordinal);
        while (stream.Position < stream.Length)
        {
            DeltaDiscoveryResponse type;
            try
            {
                type = DeltaDiscoveryResponse.Parser.ParseDelimitedFrom(stream);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new InvalidDataException($"'{path}' is truncated or corrupt: {ex.Message}", ex);
            }

            if (!XdsTypeUrls.IsKnown(type.TypeUrl) || !seenTypes.Add(type.TypeUrl))
            {
                throw new InvalidDataException($"'{path}' holds an unknown or repeated type '{type.TypeUrl}'.");
            }

            try
            {
                held = XdsStateEditor.ApplyDelta(held, type);
            }
            catch (XdsResourceException ex)
            {
                throw new InvalidDataException($"'{path}' holds a resource that does not decode: {ex.Message}", ex);
            }
        }

        return held;
    }

    private static IEnumerable<DeltaDiscoveryResponse> Encode(HeldXdsState held)
    {
        foreach (string typeUrl in XdsTypeUrls.SubscriptionOrder)
        {
            if (!held.Versions.TryGetValue(typeUrl, out TypeVersions? versions))
            {
                continue;
            }

            var response = new DeltaDiscoveryResponse { TypeUrl = typeUrl, SystemVersionInfo = versions.VersionInfo };
            foreach ((string name, IMessage message) in Resources(held.State, typeUrl))
            {
                response.Resources.Add(new Resource
                {
                    Name = name,
                    Version = versions.ResourceVersions.GetValueOrDefault(name, ""),
                    Resource_ = Any.Pack(message),
                });
            }

            yield return response;
        }
    }

    private static IEnumerable<KeyValuePair<string, IMessage>> Resources(XdsState state, string typeUrl) => typeUrl switch
    {
        XdsTypeUrls.Listener => Sorted(state.Listeners),
        XdsTypeUrls.RouteConfiguration => Sorted(state.RouteConfigurations),
        XdsTypeUrls.Cluster => Sorted(state.Clusters),
        XdsTypeUrls.ClusterLoadAssignment => Sorted(state.ClusterLoadAssignments),
        _ => [],
    };

    private static IEnumerable<KeyValuePair<string, IMessage>> Sorted<T>(ImmutableDictionary<string, T> resources)
        where T : IMessage =>
        resources.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => KeyValuePair.Create(r.Key, (IMessage)r.Value));
}
