using CloudMesh.Proxy.Xds.Tests.Support;
using CloudMesh.TestSupport;
using static CloudMesh.Proxy.Xds.Tests.Support.ShopExpectations;
using TypeUrls = CloudMesh.Xds.XdsTypeUrls;

namespace CloudMesh.Proxy.Xds.Tests;

/// <summary>EDS and RDS subscriptions follow the held clusters and listeners, as Envoy's do.</summary>
public sealed class SubscriptionFollowingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_listener_that_adds_a_route_name_subscribes_to_it_and_removing_it_unsubscribes(bool sotwOnly)
    {
        var mesh = new ShopMesh();
        await using TestControlPlane server = await TestControlPlane.StartAsync(mesh, FreePort.Get(), sotwOnly);
        await using RunningClient proxy = RunningClient.Start(RunningClient.Options(server.Address));
        await Eventually.TrueAsync(() => IsComplete(proxy.Handler.Current), "the initial configuration");
        await Eventually.TrueAsync(() => server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.RouteConfiguration)?.SubscribedNames == 2, "RDS: ingress 8080 and egress");
        Assert.Equal(
            [EgressRoutes, IngressRoutes(8080)],
            proxy.Handler.Current.RouteConfigurations.Keys.Order(StringComparer.Ordinal));

        mesh.AddFrontPort(9090);
        server.MeshChanged();
        await Eventually.TrueAsync(
            () => proxy.Handler.Current.RouteConfigurations.ContainsKey(IngressRoutes(9090)), "the new listener's route configuration arrived");
        await Eventually.TrueAsync(() => server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.RouteConfiguration)?.SubscribedNames == 3, "RDS subscribed to the new name");

        mesh.RemoveFrontPort(9090);
        server.MeshChanged();
        await Eventually.TrueAsync(() => server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.RouteConfiguration)?.SubscribedNames == 2, "RDS unsubscribed");
        Assert.False(proxy.Handler.Current.RouteConfigurations.ContainsKey(IngressRoutes(9090)));
        Assert.Equal(
            [EgressRoutes, IngressRoutes(8080)],
            proxy.Handler.Current.RouteConfigurations.Keys.Order(StringComparer.Ordinal));
        Assert.True(IsComplete(proxy.Handler.Current));
    }

    [Fact]
    public async Task Endpoints_are_subscribed_for_each_eds_cluster()
    {
        var mesh = new ShopMesh();
        await using TestControlPlane server = await TestControlPlane.StartAsync(mesh, FreePort.Get());
        await using RunningClient proxy = RunningClient.Start(RunningClient.Options(server.Address));
        await Eventually.TrueAsync(() => IsComplete(proxy.Handler.Current), "the initial configuration");

        int edsClusters = proxy.Handler.Current.Clusters.Values.Count(c => c.Type == Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType.Eds);
        Assert.True(edsClusters >= 1);
        await Eventually.TrueAsync(
            () => server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.ClusterLoadAssignment) is { Wildcard: false } eds && eds.SubscribedNames == edsClusters,
            "EDS subscribed by name to every EDS cluster");
        Assert.Equal(edsClusters, proxy.Handler.Current.ClusterLoadAssignments.Count);
        Assert.True(server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.Cluster)!.Wildcard);
        Assert.True(server.TypeStatus(ShopMesh.FrontNodeId, TypeUrls.Listener)!.Wildcard);
    }
}
