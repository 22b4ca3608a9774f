using CloudMesh.Proxy.Xds.Protocol;
using CloudMesh.Proxy.Xds.State;
using CloudMesh.Xds;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Envoy.Service.Discovery.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.Proxy.Xds.Tests.State;

public sealed class XdsStateEditorTests
{
    [Fact]
    public void Sotw_replaces_wildcard_types_whole_and_named_types_by_name()
    {
        HeldXdsState held = XdsStateEditor.ApplySotw(HeldXdsState.Empty, Sotw(XdsTypeUrls.Cluster, "v1", EdsCluster("a"), EdsCluster("b")));
        held = XdsStateEditor.ApplySotw(held, Sotw(XdsTypeUrls.ClusterLoadAssignment, "e1", Endpoints("a"), Endpoints("b")));
        held = XdsStateEditor.ApplySotw(held, Sotw(XdsTypeUrls.ClusterLoadAssignment, "e2", Endpoints("a", "10.0.0.9")));

        Assert.Equal(["a", "b"], held.State.ClusterLoadAssignments.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("10.0.0.9", held.State.ClusterLoadAssignments["a"].Endpoints[0].LbEndpoints[0].Endpoint.Address.SocketAddress.Address);
        Assert.Equal("e2", held.VersionsOf(XdsTypeUrls.ClusterLoadAssignment).VersionInfo);

        // CDS without "b": the cluster goes, and its endpoints with it.
        held = XdsStateEditor.ApplySotw(held, Sotw(XdsTypeUrls.Cluster, "v2", EdsCluster("a")));
        Assert.Equal(["a"], held.State.Clusters.Keys);
        Assert.Equal(["a"], held.State.ClusterLoadAssignments.Keys);
    }

    [Fact]
    public void Delta_adds_updates_and_removes_and_keeps_resource_versions()
    {
        HeldXdsState held = XdsStateEditor.ApplyDelta(HeldXdsState.Empty, Delta(XdsTypeUrls.Listener, "s1", [("l1", "1", Listener("l1", "r1")), ("l2", "1", Listener("l2", "r2"))]));
        held = XdsStateEditor.ApplyDelta(held, Delta(XdsTypeUrls.RouteConfiguration, "s1", [("r1", "7", Route("r1")), ("r2", "8", Route("r2"))]));
        Assert.Equal(2, held.State.RouteConfigurations.Count);

        held = XdsStateEditor.ApplyDelta(held, Delta(XdsTypeUrls.Listener, "s2", [("l1", "2", Listener("l1", "r1"))], removed: ["l2"]));

        Assert.Equal(["l1"], held.State.Listeners.Keys);
        Assert.Equal(["r1"], held.State.RouteConfigurations.Keys);
        Assert.Equal("2", held.VersionsOf(XdsTypeUrls.Listener).ResourceVersions["l1"]);
        Assert.False(held.VersionsOf(XdsTypeUrls.Listener).ResourceVersions.ContainsKey("l2"));
        Assert.Equal(["r1"], held.VersionsOf(XdsTypeUrls.RouteConfiguration).ResourceVersions.Keys);
        Assert.Equal("s2", held.VersionsOf(XdsTypeUrls.Listener).VersionInfo);
    }

    [Fact]
    public void Resources_that_do_not_decode_or_repeat_are_rejected_with_a_detail()
    {
        var wrongType = new DiscoveryResponse { TypeUrl = XdsTypeUrls.Cluster, Resources = { Any.Pack(Listener("l", "r")) } };
        Assert.Contains("type", Assert.Throws<XdsResourceException>(() => XdsStateEditor.ApplySotw(HeldXdsState.Empty, wrongType)).Message,
            StringComparison.Ordinal);

        var garbage = new DiscoveryResponse
        {
            TypeUrl = XdsTypeUrls.Cluster,
            Resources = { new Any { TypeUrl = XdsTypeUrls.Cluster, Value = ByteString.CopyFrom(0xFF, 0xFF, 0xFF) } },
        };
        Assert.Throws<XdsResourceException>(() => XdsStateEditor.ApplySotw(HeldXdsState.Empty, garbage));

        Assert.Throws<XdsResourceException>(() => XdsStateEditor.ApplySotw(HeldXdsState.Empty, Sotw(XdsTypeUrls.Cluster, "v", EdsCluster("a"), EdsCluster("a"))));
        Assert.Throws<XdsResourceException>(() => XdsStateEditor.ApplySotw(
            HeldXdsState.Empty, new DiscoveryResponse { TypeUrl = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret" }));
    }

    [Fact]
    public void References_follow_service_names_and_http_connection_managers()
    {
        Cluster named = EdsCluster("c");
        named.EdsClusterConfig = new Cluster.Types.EdsClusterConfig { ServiceName = "svc-c" };
        var dns = new Cluster { Name = "d", Type = Cluster.Types.DiscoveryType.StrictDns };
        HeldXdsState held = XdsStateEditor.ApplySotw(HeldXdsState.Empty, Sotw(XdsTypeUrls.Cluster, "v", EdsCluster("a"), named, dns));
        held = XdsStateEditor.ApplySotw(held, Sotw(XdsTypeUrls.Listener, "v", Listener("l", "r1"), Listener("m", "r2")));

        Assert.Equal(["a", "svc-c"], XdsReferences.EndpointNames(held.State));
        Assert.Equal(["r1", "r2"], XdsReferences.RouteNames(held.State));
    }

    private static DiscoveryResponse Sotw(string typeUrl, string version, params IMessage[] resources) =>
        new() { TypeUrl = typeUrl, VersionInfo = version, Resources = { resources.Select(Any.Pack) } };

    private static DeltaDiscoveryResponse Delta(string typeUrl, string system, (string Name, string Version, IMessage Message)[] resources, string[]? removed = null) =>
        new()
        {
            TypeUrl = typeUrl,
            SystemVersionInfo = system,
            Resources = { resources.Select(r => new Resource { Name = r.Name, Version = r.Version, Resource_ = Any.Pack(r.Message) }) },
            RemovedResources = { removed ?? [] },
        };

    private static Cluster EdsCluster(string name) => new() { Name = name, Type = Cluster.Types.DiscoveryType.Eds };

    private static ClusterLoadAssignment Endpoints(string cluster, string address = "10.0.0.1") => new()
    {
        ClusterName = cluster,
        Endpoints =
        {
            new LocalityLbEndpoints
            {
                LbEndpoints =
                {
                    new LbEndpoint
                    {
                        Endpoint = new Endpoint
                        {
                            Address = new Envoy.Config.Core.V3.Address { SocketAddress = new Envoy.Config.Core.V3.SocketAddress { Address = address, PortValue = 80 } },
                        },
                    },
                },
            },
        },
    };

    private static Listener Listener(string name, string routeName) => new()
    {
        Name = name,
        FilterChains =
        {
            new FilterChain
            {
                Filters =
                {
                    new Envoy.Config.Listener.V3.Filter
                    {
                        Name = "envoy.filters.network.http_connection_manager",
                        TypedConfig = Any.Pack(new HttpConnectionManager { StatPrefix = name, Rds = new Rds { RouteConfigName = routeName } }),
                    },
                },
            },
        },
    };

    private static RouteConfiguration Route(string name) => new() { Name = name };
}
