using System.Text;
using CloudMesh.Bench.ControlPlane.Propagation;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Listener.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Filter = Envoy.Config.Listener.V3.Filter;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.Bench.ControlPlane.Tests;

public sealed class SubscriptionNamesTests
{
    [Fact]
    public void Eds_names_come_from_eds_clusters_only_preferring_the_service_name()
    {
        Any[] clusters =
        [
            Any.Pack(new Cluster { Name = "b", Type = Cluster.Types.DiscoveryType.Eds }),
            Any.Pack(new Cluster { Name = "a", Type = Cluster.Types.DiscoveryType.Eds, EdsClusterConfig = new Cluster.Types.EdsClusterConfig { ServiceName = "a-endpoints" } }),
            Any.Pack(new Cluster { Name = "dns", Type = Cluster.Types.DiscoveryType.LogicalDns }),
        ];

        Assert.Equal(["a-endpoints", "b"], SubscriptionNames.EndpointNames(clusters));
    }

    [Fact]
    public void Rds_names_come_from_every_chain_and_the_default_chain_once_each()
    {
        var listener = new Listener { Name = "egress", DefaultFilterChain = Chain(Rds("rds_egress")) };
        listener.FilterChains.Add(Chain(Rds("rds_ingress")));
        listener.FilterChains.Add(Chain(Rds("rds_egress")));
        listener.FilterChains.Add(new FilterChain { Filters = { new Filter { Name = "tcp", TypedConfig = Any.Pack(new Cluster { Name = "not an hcm" }) } } });
        var inline = new HttpConnectionManager { RouteConfig = new Envoy.Config.Route.V3.RouteConfiguration { Name = "inline" } };

        Assert.Equal(["rds_egress", "rds_ingress"], SubscriptionNames.RouteNames([Any.Pack(listener), Any.Pack(new Listener { FilterChains = { Chain(inline) } })]));
    }

    [Fact]
    public void A_marker_is_found_in_serialized_resources()
    {
        Any[] clusters = [Any.Pack(new Cluster { Name = "cds_egress_m_backend_http_8081" })];

        Assert.True(SubscriptionNames.AnyContains(clusters, Encoding.UTF8.GetBytes("cds_egress_m_backend_http_8081")));
        Assert.False(SubscriptionNames.AnyContains(clusters, Encoding.UTF8.GetBytes("cds_egress_m_backend_http_8080")));
    }

    private static HttpConnectionManager Rds(string name) => new() { Rds = new Envoy.Extensions.Filters.Network.HttpConnectionManager.V3.Rds { RouteConfigName = name } };

    private static FilterChain Chain(HttpConnectionManager hcm) =>
        new() { Filters = { new Filter { Name = "envoy.filters.network.http_connection_manager", TypedConfig = Any.Pack(hcm) } } };
}
