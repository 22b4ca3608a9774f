using CloudMesh.ControlPlane.Compiler.Tests.Support;
using CloudMesh.ControlPlane.Model;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf;

namespace CloudMesh.ControlPlane.Compiler.Tests;

/// <summary>
/// Resources that are the same for several proxies are built once per mesh version and shared as instances, and a
/// version prepared from the previous one reuses the resources of unchanged nodes; neither may change a single byte.
/// </summary>
public sealed class SharedResourcesTests
{
    [Theory]
    [MemberData(nameof(GoldenFileTests.Cases), MemberType = typeof(GoldenFileTests))]
    public void Compiling_every_proxy_of_one_prepared_mesh_gives_what_each_gets_from_a_fresh_one(string name)
    {
        var (snapshot, _) = GoldenCase.Named(name).Load();
        var shared = MeshCompiler.Prepare(snapshot);

        // Compile all proxies through one mesh first (filling every shared entry), then compare each to a fresh mesh.
        var viaShared = shared.Proxies.Select(p => (Proxy: p, Bytes: DeterminismTests.Bytes(shared.Compile(p)!))).ToList();

        Assert.All(viaShared, x => Assert.Equal(DeterminismTests.Bytes(MeshCompiler.Prepare(snapshot).Compile(x.Proxy)!), x.Bytes));
    }

    [Theory]
    [MemberData(nameof(GoldenFileTests.Cases), MemberType = typeof(GoldenFileTests))]
    public void Preparing_from_the_previous_version_gives_the_same_bytes_as_a_fresh_prepare(string name)
    {
        var (snapshot, _) = GoldenCase.Named(name).Load();
        var previous = MeshCompiler.Prepare(snapshot);
        foreach (var proxy in previous.Proxies)
        {
            previous.Compile(proxy);
        }

        var (again, _) = GoldenCase.Named(name).Load(reversed: true);
        var next = MeshCompiler.Prepare(again, previous);

        Assert.All(next.Proxies, p => Assert.Equal(DeterminismTests.Bytes(MeshCompiler.Prepare(again).Compile(p)!), DeterminismTests.Bytes(next.Compile(p)!)));
    }

    [Fact]
    public void Two_nodes_calling_the_same_backend_share_its_cluster_route_configuration_and_egress_filter()
    {
        var mesh = MeshCompiler.Prepare(Mesh(backendPort: 8080));

        var a = mesh.Compile(Node("a"))!;
        var b = mesh.Compile(Node("b"))!;

        Assert.Same(Cluster(a, "cds_egress_bench_backend_http_8080"), Cluster(b, "cds_egress_bench_backend_http_8080"));
        Assert.Same(Route(a, "rds_egress_http_15001"), Route(b, "rds_egress_http_15001"));
        Assert.Same(EgressFilter(a), EgressFilter(b));
        Assert.Same(Listener(a, "lds_egress_0.0.0.0_15001"), Listener(b, "lds_egress_0.0.0.0_15001"));

        // Their own inbound sides differ (the local cluster is named after the node) and are not shared.
        Assert.NotSame(Listener(a, "lds_ingress_0.0.0.0_15000"), Listener(b, "lds_ingress_0.0.0.0_15000"));
        Assert.Contains(a.Clusters, c => c.Name == "cds_ingress_bench_a_http_8080");
        Assert.DoesNotContain(b.Clusters, c => c.Name == "cds_ingress_bench_a_http_8080");
    }

    [Fact]
    public void A_node_with_its_own_client_tls_or_access_log_gets_its_own_cluster_or_filter()
    {
        var mesh = MeshCompiler.Prepare(Mesh(backendPort: 8080));

        var plain = mesh.Compile(Node("a"))!;
        var tls = mesh.Compile(Node("tls"))!;
        var logged = mesh.Compile(Node("logged"))!;

        var tlsCluster = Cluster(tls, "cds_egress_bench_backend_http_8080");
        Assert.NotSame(Cluster(plain, "cds_egress_bench_backend_http_8080"), tlsCluster);
        Assert.NotNull(tlsCluster.TransportSocket);
        Assert.Null(Cluster(plain, "cds_egress_bench_backend_http_8080").TransportSocket);

        // Same backends, so the same route configuration; a different access log, so a different connection manager.
        Assert.Same(Route(plain, "rds_egress_http_15001"), Route(logged, "rds_egress_http_15001"));
        Assert.NotSame(EgressFilter(plain), EgressFilter(logged));
        Assert.NotSame(Listener(plain, "lds_egress_0.0.0.0_15001"), Listener(logged, "lds_egress_0.0.0.0_15001"));
        Assert.Single(EgressFilter(logged).TypedConfig.Unpack<HttpConnectionManager>().AccessLog);
    }

    [Fact]
    public void The_next_version_reuses_unchanged_nodes_inbound_resources_and_rebuilds_exactly_what_changed()
    {
        var v1 = MeshCompiler.Prepare(Mesh(backendPort: 8080));
        var a1 = v1.Compile(Node("a"))!;
        var backend1 = v1.Compile(Node("backend"))!;

        var v2 = MeshCompiler.Prepare(Mesh(backendPort: 8081), v1);
        var a2 = v2.Compile(Node("a"))!;
        var backend2 = v2.Compile(Node("backend"))!;

        // a's spec did not change: its inbound side is the very same instances.
        Assert.Same(Listener(a1, "lds_ingress_0.0.0.0_15000"), Listener(a2, "lds_ingress_0.0.0.0_15000"));
        Assert.Same(Cluster(a1, "cds_ingress_bench_a_http_8080"), Cluster(a2, "cds_ingress_bench_a_http_8080"));

        // The backend moved: its own inbound side and a's egress (cluster and routes) are rebuilt.
        Assert.NotSame(Listener(backend1, "lds_ingress_0.0.0.0_15000"), Listener(backend2, "lds_ingress_0.0.0.0_15000"));
        Assert.Contains(backend2.Clusters, c => c.Name == "cds_ingress_bench_backend_http_8081");
        Assert.Contains(a2.Clusters, c => c.Name == "cds_egress_bench_backend_http_8081");
        Assert.DoesNotContain(a2.Clusters, c => c.Name == "cds_egress_bench_backend_http_8080");
        Assert.NotSame(Route(a1, "rds_egress_http_15001"), Route(a2, "rds_egress_http_15001"));
        Assert.Equal(2, v2.InboundEntries);
    }

    [Fact]
    public void Another_mesh_or_tenant_is_not_reused_as_a_previous_version()
    {
        var v1 = MeshCompiler.Prepare(Mesh(backendPort: 8080));
        var a1 = v1.Compile(Node("a"))!;

        var otherTenant = MeshCompiler.Prepare(Mesh(backendPort: 8080) with { AccountId = "444455556666" }, v1);
        var a2 = otherTenant.Compile(Node("a") with { AccountId = "444455556666" })!;

        Assert.NotSame(Listener(a1, "lds_ingress_0.0.0.0_15000"), Listener(a2, "lds_ingress_0.0.0.0_15000"));
        Assert.Equal(DeterminismTests.Bytes(a1), DeterminismTests.Bytes(a2));
    }

    private static ProxyIdentity Node(string name) => new("111122223333", "bench", ProxyKind.VirtualNode, name);

    private static Envoy.Config.Cluster.V3.Cluster Cluster(ProxyConfig config, string name) => config.Clusters.Single(c => c.Name == name);

    private static Envoy.Config.Route.V3.RouteConfiguration Route(ProxyConfig config, string name) => config.RouteConfigurations.Single(r => r.Name == name);

    private static Envoy.Config.Listener.V3.Listener Listener(ProxyConfig config, string name) => config.Listeners.Single(l => l.Name == name);

    private static Envoy.Config.Listener.V3.Filter EgressFilter(ProxyConfig config) =>
        Listener(config, "lds_egress_0.0.0.0_15001").FilterChains.Single(c => c.Name == "egress_http").Filters.Single();

    /// <summary>The benchmark's shape: one backend behind one service, and callers that differ only where the test needs.</summary>
    private static MeshSnapshot Mesh(int backendPort)
    {
        const string caller = """{"portMapping": {"port": 8080, "protocol": "http"}}""";
        const string backends = """[{"virtualService": {"virtualServiceName": "backend.bench.local"}}]""";
        var (snapshot, _) = GoldenCase.Parse("""
            {
              "proxy": {"kind": "virtualNode", "name": "a"},
              "mesh": {"name": "bench", "spec": {}},
              "virtualNodes": {
                "backend": {"listeners": [{"portMapping": {"port": BACKEND_PORT, "protocol": "http"}}], "serviceDiscovery": {"dns": {"hostname": "backend.internal"}}},
                "a": {"listeners": [CALLER], "serviceDiscovery": {"dns": {"hostname": "a.internal"}}, "backends": BACKENDS},
                "b": {"listeners": [CALLER], "serviceDiscovery": {"dns": {"hostname": "b.internal"}}, "backends": BACKENDS},
                "logged": {"listeners": [CALLER], "serviceDiscovery": {"dns": {"hostname": "l.internal"}}, "backends": BACKENDS,
                           "logging": {"accessLog": {"file": {"path": "/dev/stdout"}}}},
                "tls": {"listeners": [CALLER], "serviceDiscovery": {"dns": {"hostname": "t.internal"}}, "backends": BACKENDS,
                        "backendDefaults": {"clientPolicy": {"tls": {"validation": {"trust": {"file": {"certificateChain": "/certs/ca.pem"}}}}}}}
              },
              "virtualServices": {"backend.bench.local": {"provider": {"virtualNode": {"virtualNodeName": "backend"}}}}
            }
            """.Replace("BACKEND_PORT", backendPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("CALLER", caller, StringComparison.Ordinal)
            .Replace("BACKENDS", backends, StringComparison.Ordinal));
        return snapshot;
    }
}
