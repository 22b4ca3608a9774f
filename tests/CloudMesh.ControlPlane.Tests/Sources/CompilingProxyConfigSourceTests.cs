using System.Text.Json;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Resources;
using CloudMesh.ControlPlane.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudMesh.ControlPlane.Tests.Sources;

/// <summary>
/// The compiling source over an in-memory mesh whose backend moves between ports, as the benchmark's writes do:
/// what it shares between identities and versions, and what it stops keeping.
/// </summary>
public sealed class CompilingProxyConfigSourceTests
{
    private const string Account = "111122223333";

    [Fact]
    public async Task Identities_calling_the_same_backend_share_its_packed_cluster_and_routes()
    {
        var loader = new MovingBackendLoader(["a", "b"]);
        var source = new CompilingProxyConfigSource(loader, NullLogger<CompilingProxyConfigSource>.Instance);

        ProxySnapshot a = ProxySnapshot.From(await source.GetConfigAsync(Node("a"), CancellationToken.None));
        ProxySnapshot b = ProxySnapshot.From(await source.GetConfigAsync(Node("b"), CancellationToken.None));

        Assert.Same(a.Clusters.Find("cds_egress_bench_backend_http_8080"), b.Clusters.Find("cds_egress_bench_backend_http_8080"));
        Assert.Same(a.RouteConfigurations.Find("rds_egress_http_15001"), b.RouteConfigurations.Find("rds_egress_http_15001"));
        Assert.NotEqual(a.Version, b.Version); // their own inbound sides differ
    }

    [Fact]
    public async Task After_a_change_unchanged_resources_keep_their_packed_instance_and_changed_ones_get_new_versions()
    {
        var loader = new MovingBackendLoader(["a"]);
        var source = new CompilingProxyConfigSource(loader, NullLogger<CompilingProxyConfigSource>.Instance);
        ProxySnapshot before = ProxySnapshot.From(await source.GetConfigAsync(Node("a"), CancellationToken.None));

        loader.BackendPort = 8081;
        source.Invalidate(new MeshChange(Account, "bench"));
        ProxySnapshot after = ProxySnapshot.From(await source.GetConfigAsync(Node("a"), CancellationToken.None));

        Assert.Same(before.Listeners.Find("lds_ingress_0.0.0.0_15000"), after.Listeners.Find("lds_ingress_0.0.0.0_15000"));
        Assert.Same(before.Clusters.Find("cds_ingress_bench_a_http_8080"), after.Clusters.Find("cds_ingress_bench_a_http_8080"));
        Assert.Null(after.Clusters.Find("cds_egress_bench_backend_http_8080"));
        Assert.NotNull(after.Clusters.Find("cds_egress_bench_backend_http_8081"));
        Assert.NotEqual(before.RouteConfigurations.Version, after.RouteConfigurations.Version);
        Assert.Equal(before.Listeners.Version, after.Listeners.Version);
    }

    [Fact]
    public async Task Last_consistent_configs_of_identities_no_longer_compiled_are_dropped()
    {
        var loader = new MovingBackendLoader(["a", "b"]);
        var source = new CompilingProxyConfigSource(loader, NullLogger<CompilingProxyConfigSource>.Instance);
        await source.GetConfigAsync(Node("a"), CancellationToken.None);
        await source.GetConfigAsync(Node("b"), CancellationToken.None);
        Assert.Equal(2, source.LastConsistentCount);

        // Only a is asked for in the next version (b's proxies went away); b's config is dropped when that version ends.
        source.Invalidate(new MeshChange(Account, "bench"));
        await source.GetConfigAsync(Node("a"), CancellationToken.None);
        Assert.Equal(2, source.LastConsistentCount);
        source.Invalidate(MeshChange.Everything); // as the periodic resync does
        Assert.Equal(1, source.LastConsistentCount);

        // A node deleted from the mesh is dropped as soon as it compiles to nothing.
        loader.Nodes = [];
        await source.GetConfigAsync(Node("a"), CancellationToken.None);
        Assert.Equal(0, source.LastConsistentCount);
    }

    private static ProxyIdentity Node(string name) => new(Account, "bench", ProxyKind.VirtualNode, name);

    /// <summary>The benchmark's mesh in memory: a backend on <see cref="BackendPort"/> and callers of it.</summary>
    private sealed class MovingBackendLoader(string[] nodes) : IMeshSnapshotLoader
    {
        public int BackendPort { get; set; } = 8080;

        public string[] Nodes { get; set; } = nodes;

        public ValueTask<MeshSnapshot?> LoadAsync(string accountId, string meshName, CancellationToken cancellationToken)
        {
            static MeshResource Resource(string name, string spec) => new(name, "", 1, JsonDocument.Parse(spec).RootElement.Clone());
            var backend = Resource("backend", $$$$"""{"listeners": [{"portMapping": {"port": {{{{BackendPort}}}}, "protocol": "http"}}], "serviceDiscovery": {"dns": {"hostname": "backend.internal"}}}""");
            var callers = Nodes.Select(n => Resource(n, $$$$"""
                {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}], "serviceDiscovery": {"dns": {"hostname": "{{{{n}}}}.internal"}},
                 "backends": [{"virtualService": {"virtualServiceName": "backend.bench.local"}}]}
                """));
            var snapshot = new MeshSnapshot(
                accountId,
                "us-east-1",
                Resource(meshName, "{}"),
                [backend, .. callers],
                [Resource("backend.bench.local", """{"provider": {"virtualNode": {"virtualNodeName": "backend"}}}""")],
                [],
                [],
                [],
                [],
                []);
            return ValueTask.FromResult<MeshSnapshot?>(snapshot);
        }
    }
}
