using System.Collections.Immutable;
using CloudMesh.Proxy.Xds.Persistence;
using CloudMesh.Proxy.Xds.Protocol;
using CloudMesh.Proxy.Xds.State;
using CloudMesh.TestSupport;
using CloudMesh.Xds;
using Envoy.Config.Cluster.V3;
using Envoy.Service.Discovery.V3;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.Proxy.Xds.Tests.Persistence;

public sealed class XdsStateFileTests
{
    [Fact]
    public async Task Round_trips_resources_and_versions()
    {
        using var directory = new TempDirectory("cloudmesh-xds");
        string path = directory.Combine("nested", "state.bin");
        HeldXdsState held = XdsStateEditor.ApplyDelta(HeldXdsState.Empty, new DeltaDiscoveryResponse
        {
            TypeUrl = XdsTypeUrls.Cluster,
            SystemVersionInfo = "sys-1",
            Resources =
            {
                new Resource { Name = "a", Version = "va", Resource_ = Any.Pack(new Cluster { Name = "a", Type = Cluster.Types.DiscoveryType.StrictDns }) },
                new Resource { Name = "b", Version = "vb", Resource_ = Any.Pack(new Cluster { Name = "b", Type = Cluster.Types.DiscoveryType.StrictDns }) },
            },
        });

        await XdsStateFile.WriteAsync(path, held, CancellationToken.None);
        HeldXdsState read = XdsStateFile.Read(path);

        Assert.True(XdsStateEditor.SameResources(held.State, read.State));
        TypeVersions versions = read.VersionsOf(XdsTypeUrls.Cluster);
        Assert.Equal("sys-1", versions.VersionInfo);
        Assert.Equal(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, held.VersionsOf(XdsTypeUrls.Cluster).ResourceVersions),
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, versions.ResourceVersions));
        Assert.Equal(["state.bin"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));

        // Every cut of the file is refused, never read as a smaller state.
        byte[] whole = await File.ReadAllBytesAsync(path);
        for (int length = 0; length < whole.Length; length++)
        {
            await File.WriteAllBytesAsync(path, whole[..length]);
            Assert.Throws<InvalidDataException>(() => XdsStateFile.Read(path));
        }
    }
}
