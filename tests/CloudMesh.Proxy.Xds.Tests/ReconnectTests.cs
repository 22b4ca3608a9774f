using CloudMesh.Proxy.Xds.Configuration;
using CloudMesh.Proxy.Xds.Tests.Support;
using CloudMesh.TestSupport;
using static CloudMesh.Proxy.Xds.Tests.Support.ShopExpectations;
using TypeUrls = CloudMesh.Xds.XdsTypeUrls;

namespace CloudMesh.Proxy.Xds.Tests;

/// <summary>The control plane goes away and comes back on the same address.</summary>
public sealed class ReconnectTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Keeps_serving_while_the_server_is_down_and_resumes_without_reapplying_unchanged_state(bool sotwOnly)
    {
        var mesh = new ShopMesh();
        int port = FreePort.Get();
        TestControlPlane server = await TestControlPlane.StartAsync(mesh, port, sotwOnly);
        await using RunningClient proxy = RunningClient.Start(RunningClient.Options(server.Address));
        try
        {
            await Eventually.TrueAsync(() => IsComplete(proxy.Handler.Current), "the initial configuration");
            await Eventually.TrueAsync(
                () => server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.RouteConfiguration)?.AckedVersion is { Length: > 0 },
                "the last type of the initial push was acknowledged");
            XdsState served = proxy.Handler.Current;
            int appliedBefore = proxy.Handler.Calls.Count;
            int streamsBefore = proxy.Client.Status.StreamsOpened;

            await server.DisposeAsync();
            await Eventually.TrueAsync(() => !proxy.Client.Status.Connected && proxy.Client.Status.LastConnectionError is not null, "the client noticed");
            await Eventually.TrueAsync(() => proxy.Client.Status.StreamsOpened >= streamsBefore + 2, "the client kept retrying");
            Assert.Same(served, proxy.Handler.Current);
            Assert.True(proxy.Client.Status.Ready);

            server = await TestControlPlane.StartAsync(mesh, port, sotwOnly);
            await Eventually.TrueAsync(() => server.Stream(ShopMesh.FrontNodeId) is not null && proxy.Client.Status.Connected, "the client reconnected");

            // The client resumed from what it acknowledged (delta: initial_resource_versions, SotW: version_info):
            // the new server saw all four subscriptions and had nothing to send.
            string[] allTypes = [TypeUrls.Cluster, TypeUrls.Listener, TypeUrls.ClusterLoadAssignment, TypeUrls.RouteConfiguration];
            await Eventually.TrueAsync(
                () => allTypes.All(t => server.TypeStatus(ShopMesh.FrontNodeId, t) is not null), "the new server saw every subscription");
            Assert.All(allTypes, t => Assert.Null(server.TypeStatus(ShopMesh.FrontNodeId, t)!.SentNonce));

            // Nothing changed, so nothing is applied again; the next real change is the only thing applied.
            mesh.AddCartInstance("10.0.1.11");
            server.MeshChanged();
            await Eventually.TrueAsync(() => CartAddresses(proxy.Handler.Current).Length == 2, "the change after the reconnect");
            (string TypeUrl, XdsState Candidate, bool Accepted) only = Assert.Single(proxy.Handler.Calls.Skip(appliedBefore));
            Assert.Equal(TypeUrls.ClusterLoadAssignment, only.TypeUrl);
            Assert.Same(served.Listeners, proxy.Handler.Current.Listeners);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Starts_without_a_control_plane_and_connects_when_it_appears()
    {
        var mesh = new ShopMesh();
        int port = FreePort.Get();
        XdsClientOptions options = RunningClient.Options(new Uri($"http://127.0.0.1:{port}"));
        await using RunningClient proxy = RunningClient.Start(options);
        await Eventually.TrueAsync(() => proxy.Client.Status.StreamsOpened >= 2, "the client retried a refused connection");
        Assert.False(proxy.Client.Status.Ready);

        await using TestControlPlane server = await TestControlPlane.StartAsync(mesh, port);
        await Eventually.TrueAsync(() => IsComplete(proxy.Handler.Current), "the configuration once the server is up");
        Assert.True(proxy.Client.Status.Connected);
    }
}
