using CloudMesh.ControlPlane.Compiler.Tests.Support;
using CloudMesh.ControlPlane.Model;
using Google.Protobuf;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Listener.V3;
using Filter = Envoy.Config.Listener.V3.Filter;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;

namespace CloudMesh.ControlPlane.Compiler.Tests;

/// <summary>The check passes on every golden output (see <see cref="GoldenFileTests"/>) and catches each kind of dangling reference.</summary>
public sealed class ConsistencyCheckTests
{
    [Fact]
    public void A_compiled_configuration_is_consistent()
    {
        Assert.Empty(ConsistencyCheck.Verify(Compiled()));
    }

    [Fact]
    public void A_route_to_a_missing_cluster_is_reported()
    {
        var config = Compiled();
        var config2 = config with { Clusters = config.Clusters.Where(c => c.Name != "cds_egress_demo_v2_http_8080").ToList() };

        Assert.Equal(
            [
                "route configuration 'rds_api_svc.demo.local' virtual host 'svc.demo.local' route 'split' references cluster 'cds_egress_demo_v2_http_8080', which does not exist",
                "route configuration 'rds_egress_http_15001' virtual host 'svc.demo.local' route 'split' references cluster 'cds_egress_demo_v2_http_8080', which does not exist",
            ],
            ConsistencyCheck.Verify(config2));
    }

    [Fact]
    public void A_listener_referring_to_a_missing_route_configuration_is_reported()
    {
        var config = Compiled();
        var broken = config with { RouteConfigurations = config.RouteConfigurations.Where(r => r.Name != "rds_ingress_http_8080").ToList() };

        var problem = Assert.Single(ConsistencyCheck.Verify(broken));
        Assert.Equal("listener 'lds_ingress_0.0.0.0_15000' filter chain 'ingress_http_8080' references route configuration 'rds_ingress_http_8080', which does not exist", problem);
    }

    [Fact]
    public void An_api_listener_referring_to_a_missing_route_configuration_is_reported()
    {
        var config = Compiled();
        var broken = config with { RouteConfigurations = config.RouteConfigurations.Where(r => r.Name != "rds_api_svc.demo.local").ToList() };

        var problems = ConsistencyCheck.Verify(broken);
        Assert.Equal(2, problems.Count); // svc.demo.local and svc.demo.local:8080
        Assert.All(problems, p => Assert.Contains("references route configuration 'rds_api_svc.demo.local'", p));
    }

    [Fact]
    public void An_eds_cluster_without_an_assignment_is_reported()
    {
        var (snapshot, proxy) = GoldenCase.Named("backend-cloudmap-no-instances").Load();
        var config = MeshCompiler.Prepare(snapshot).Compile(proxy)!;
        var broken = config with { ClusterLoadAssignments = [] };

        Assert.Equal(["EDS cluster 'cds_egress_demo_back_http_8080' has no cluster load assignment 'cds_egress_demo_back_http_8080'"], ConsistencyCheck.Verify(broken));
    }

    [Fact]
    public void A_tcp_proxy_to_a_missing_cluster_and_a_duplicate_name_are_reported()
    {
        var proxy = new TcpProxy { StatPrefix = "t", Cluster = "nowhere" };
        var listener = new Listener
        {
            Name = "l",
            FilterChains = { new FilterChain { Name = "c", Filters = { new Filter { Name = "tcp", TypedConfig = Google.Protobuf.WellKnownTypes.Any.Pack(proxy) } } } },
        };
        var config = new ProxyConfig([listener, listener.Clone()], [], [], [new Cluster { Name = "x" }], []);

        var problems = ConsistencyCheck.Verify(config);

        Assert.Contains("listener name 'l' is used more than once", problems);
        Assert.Contains("listener 'l' filter chain 'c' references cluster 'nowhere', which does not exist", problems);
    }

    [Fact]
    public void Weights_summing_to_zero_and_a_manager_without_routes_are_reported()
    {
        var route = new RouteConfiguration
        {
            Name = "r",
            VirtualHosts =
            {
                new VirtualHost
                {
                    Name = "h",
                    Domains = { "*" },
                    Routes =
                    {
                        new Route
                        {
                            Name = "zero",
                            Match = new RouteMatch { Prefix = "/" },
                            Route_ = new RouteAction { WeightedClusters = new WeightedCluster { Clusters = { new WeightedCluster.Types.ClusterWeight { Name = "x", Weight = 0 } } } },
                        },
                    },
                },
            },
        };
        var listener = new Listener
        {
            Name = "l",
            FilterChains = { new FilterChain { Name = "c", Filters = { new Filter { Name = "hcm", TypedConfig = Google.Protobuf.WellKnownTypes.Any.Pack(new HttpConnectionManager { StatPrefix = "s" }) } } } },
        };

        var problems = ConsistencyCheck.Verify(new ProxyConfig([listener], [], [route], [new Cluster { Name = "x" }], []));

        Assert.Equal(
            ["listener 'l' filter chain 'c' has an HTTP connection manager without routes", "route configuration 'r' virtual host 'h' route 'zero' splits traffic with weights that sum to 0"],
            problems);
    }

    [Fact]
    public void A_packed_filter_given_new_bytes_is_checked_again_not_from_what_it_held_before()
    {
        // The check remembers what it parsed per packed instance; that must never hide a change to the instance.
        var packed = Google.Protobuf.WellKnownTypes.Any.Pack(new HttpConnectionManager { StatPrefix = "s", Rds = new Rds { RouteConfigName = "missing" } });
        var listener = new Listener { Name = "l", FilterChains = { new FilterChain { Name = "c", Filters = { new Filter { Name = "hcm", TypedConfig = packed } } } } };
        var config = new ProxyConfig([listener], [], [new RouteConfiguration { Name = "r" }], [], []);

        Assert.Equal(["listener 'l' filter chain 'c' references route configuration 'missing', which does not exist"], ConsistencyCheck.Verify(config));
        Assert.Equal(["listener 'l' filter chain 'c' references route configuration 'missing', which does not exist"], ConsistencyCheck.Verify(config));

        packed.Value = new HttpConnectionManager { StatPrefix = "s", Rds = new Rds { RouteConfigName = "r" } }.ToByteString();
        Assert.Empty(ConsistencyCheck.Verify(config));

        packed.MergeFrom(Google.Protobuf.WellKnownTypes.Any.Pack(new TcpProxy { StatPrefix = "t", Cluster = "gone" }));
        Assert.Equal(["listener 'l' filter chain 'c' references cluster 'gone', which does not exist"], ConsistencyCheck.Verify(config));
    }

    private static ProxyConfig Compiled()
    {
        var (snapshot, proxy) = GoldenCase.Named("router-weighted-targets").Load();
        return MeshCompiler.Prepare(snapshot).Compile(proxy)!;
    }
}
