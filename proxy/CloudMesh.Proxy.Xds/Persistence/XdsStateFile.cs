using System.Collections.Immutable;
using CloudMesh.Proxy.Xds.Protocol;
using CloudMesh.Proxy.Xds.State;
using CloudMesh.Xds;
using Envoy.Service.Discovery.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.Proxy.Xds.Persistence;

/// <summary>
/// The last accepted state on disk. Format: the 8 bytes <c>CMXDS01\n</c>, one byte counting the entries (so a file cut
/// short at an entry boundary is still detected), then one length-delimited
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
                List<DeltaDiscoveryResponse> types = [.. Encode(held)];
                stream.WriteByte((byte)types.Count);
                foreach (DeltaDiscoveryResponse type in types)
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

        int count = stream.ReadByte();
        if (count is < 0 or > 4)
        {
            throw new InvalidDataException($"'{path}' is truncated or corrupt (entry count {count}).");
        }

        HeldXdsState held = HeldXdsState.Empty;
        var seenTypes = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            if (stream.Position >= stream.Length)
            {
                throw new InvalidDataException($"'{path}' is truncated: {i} of {count} entries.");
            }

            DeltaDiscoveryResponse type;
            try
            {
                // Read the whole entry first: protobuf would take a message cut at a field boundary for a shorter one.
                byte[] entry = new byte[ReadLength(stream, path)];
                stream.ReadExactly(entry);
                type = DeltaDiscoveryResponse.Parser.ParseFrom(entry);
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or EndOfStreamException)
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

        if (stream.Position != stream.Length)
        {
            throw new InvalidDataException($"'{path}' has bytes after its last entry.");
        }

        return held;
    }

    /// <summary>The varint length prefix WriteDelimitedTo writes, checked against what is left of the file.</summary>
    private static int ReadLength(FileStream stream, string path)
    {
        long length = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            int b = stream.ReadByte();
            if (b < 0)
            {
                throw new EndOfStreamException("The file ends inside an entry's length.");
            }

            length |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return length <= stream.Length - stream.Position
                    ? (int)length
                    : throw new InvalidDataException($"'{path}' is truncated: an entry of {length} bytes does not fit.");
            }
        }

        throw new InvalidDataException($"'{path}' is corrupt: an entry length is not a varint.");
    }

    private static IEnumerable<DeltaDiscoveryResponse> Encode(HeldXdsState held)
    {
        foreach (string typeUrl in SubscriptionOrder.Types)
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
                    // Not Any.Pack: it reads the descriptor, which costs a sidecar tens of MB (XdsMessageType).
                    Resource_ = new Any { TypeUrl = typeUrl, Value = message.ToByteString() },
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
