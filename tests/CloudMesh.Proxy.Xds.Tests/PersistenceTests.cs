using CloudMesh.Proxy.Xds.Persistence;
using CloudMesh.Proxy.Xds.Tests.Support;
using CloudMesh.TestSupport;
using static CloudMesh.Proxy.Xds.Tests.Support.ShopExpectations;
using TypeUrls = CloudMesh.Xds.XdsTypeUrls;

namespace CloudMesh.Proxy.Xds.Tests;

/// <summary>The last accepted state on disk: a restart without a control plane still serves; a bad file is never fatal.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public async Task A_restart_without_a_control_plane_serves_the_persisted_state()
    {
        using var directory = new TempDirectory("cloudmesh-xds");
        string statePath = directory.Combine("state", "xds.bin");
        var mesh = new ShopMesh();
        XdsState accepted;
        Dictionary<string, string> acceptedVersions;
        await using (TestControlPlane server = await TestControlPlane.StartAsync(mesh, FreePort.Get()))
        {
            await using RunningClient first = RunningClient.Start(RunningClient.Options(server.Address, statePath));
            await Eventually.TrueAsync(() => IsComplete(first.Handler.Current), "the first run's configuration");
            await Eventually.TrueAsync(() => first.Client.Status.Accepted.Count == 4, "every type accepted");
            accepted = first.Handler.Current;
            acceptedVersions = first.Client.Status.Accepted.ToDictionary(a => a.Key, a => a.Value.Version);
        }

        Assert.True(File.Exists(statePath));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(statePath)!, "*.tmp"));

        // Nothing listens on this port: the restored state is all the proxy has.
        await using RunningClient second = RunningClient.Start(RunningClient.Options(new Uri($"http://127.0.0.1:{FreePort.Get()}"), statePath));
        await Eventually.TrueAsync(() => second.Handler.Calls.Count == 1, "the restored state was handed over");
        (string typeUrl, XdsState restored, bool ok) = second.Handler.Calls[0];
        Assert.Equal("", typeUrl);
        Assert.True(ok);
        Assert.True(XdsStateEquality.Same(accepted, restored));
        Assert.True(second.Client.Status.Ready);
        Assert.True(second.Client.Status.RestoredFromFile);
        Assert.Equal(acceptedVersions, second.Client.Status.Accepted.ToDictionary(a => a.Key, a => a.Value.Version));
        await Eventually.TrueAsync(() => second.Client.Status.LastConnectionError is not null, "it keeps trying the control plane");
        Assert.False(second.Client.Status.Connected);
    }

    [Fact]
    public async Task A_restart_resumes_from_the_persisted_versions_and_applies_only_what_changed()
    {
        using var directory = new TempDirectory("cloudmesh-xds");
        string statePath = directory.Combine("xds.bin");
        var mesh = new ShopMesh();
        await using TestControlPlane server = await TestControlPlane.StartAsync(mesh, FreePort.Get());
        await using (RunningClient first = RunningClient.Start(RunningClient.Options(server.Address, statePath)))
        {
            await Eventually.TrueAsync(() => IsComplete(first.Handler.Current), "the first run's configuration");
            await Eventually.TrueAsync(
                () => server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.RouteConfiguration)?.AckedVersion is { Length: > 0 }, "all acknowledged");
        }

        await Eventually.TrueAsync(() => server.Stream(ShopMesh.FrontNodeId) is null, "the first stream is gone");
        mesh.AddCartInstance("10.0.1.11");
        server.MeshChanged();

        await using RunningClient second = RunningClient.Start(RunningClient.Options(server.Address, statePath));
        await Eventually.TrueAsync(() => CartAddresses(second.Handler.Current).Length == 2, "the change made while the proxy was down");
        Assert.Equal(["", TypeUrls.ClusterLoadAssignment], second.Handler.Calls.Select(c => c.TypeUrl));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("empty")]
    public async Task A_corrupt_state_file_is_ignored_and_the_proxy_still_configures(string damage)
    {
        using var directory = new TempDirectory("cloudmesh-xds");
        string statePath = directory.Combine("xds.bin");
        var mesh = new ShopMesh();
        await using TestControlPlane server = await TestControlPlane.StartAsync(mesh, FreePort.Get());
        if (damage == "garbage")
        {
            await File.WriteAllTextAsync(statePath, "this is not a protobuf file");
        }
        else if (damage == "empty")
        {
            await File.WriteAllBytesAsync(statePath, []);
        }
        else
        {
            await using (RunningClient writer = RunningClient.Start(RunningClient.Options(server.Address, statePath)))
            {
                await Eventually.TrueAsync(() => writer.Client.Status.Accepted.Count == 4, "a valid file was written");
            }

            byte[] whole = await File.ReadAllBytesAsync(statePath);
            await File.WriteAllBytesAsync(statePath, whole[..(whole.Length / 2)]);
        }

        await using RunningClient proxy = RunningClient.Start(RunningClient.Options(server.Address, statePath));
        await Eventually.TrueAsync(() => IsComplete(proxy.Handler.Current), "the configuration from the control plane");
        Assert.DoesNotContain(proxy.Handler.Calls, c => c.TypeUrl == "");
        Assert.False(proxy.Client.Status.RestoredFromFile);

        // The bad file was replaced by a good one.
        await Eventually.TrueAsync(
            () => proxy.Client.Status.Accepted.Count == 4 && XdsStateEquality.Same(proxy.Handler.Current, XdsStateFile.Read(statePath).State),
            "the file holds what the data plane serves");
    }
}
