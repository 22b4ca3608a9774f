using System.Text.Json.Nodes;

namespace CloudMesh.Bench.ControlPlane.Setup;

/// <summary>
/// The mesh a propagation run works on: one virtual node <c>backend</c> behind the virtual service
/// <c>backend.bench.local</c>, and N proxy nodes that all have that service as their only backend. Moving the backend's
/// listener between two ports changes every proxy's egress cluster and route (their names carry the port), so each
/// write reaches every proxy.
/// </summary>
internal sealed class BenchMesh(string name)
{
    /// <summary>The ports the backend alternates between.</summary>
    public static readonly int[] BackendPorts = [8080, 8081];

    /// <summary>The virtual node every proxy calls.</summary>
    public const string BackendNode = "backend";

    /// <summary>The virtual service it provides.</summary>
    public const string BackendService = "backend.bench.local";

    /// <summary>The mesh's name.</summary>
    public string Name { get; } = name;

    /// <summary>The proxy node name of index <paramref name="i"/>.</summary>
    public static string ProxyNode(int i) => $"proxy-{i:D5}";

    /// <summary>The xDS node id of a virtual node in this mesh (the legacy form App Mesh's Envoy image uses).</summary>
    public string NodeId(string virtualNode) => $"mesh/{Name}/virtualNode/{virtualNode}";

    /// <summary>
    /// The egress cluster every proxy gets for the backend on <paramref name="port"/>: the compiler's
    /// <c>cds_egress_&lt;mesh&gt;_&lt;node&gt;_&lt;protocol&gt;_&lt;port&gt;</c>. It is in the proxy's CDS and its egress
    /// route configuration once, and only once, the change has reached it.
    /// </summary>
    public string BackendClusterName(int port) => $"cds_egress_{Name}_{BackendNode}_http_{port}";

    /// <summary>Creates the mesh, the backend, its service and <paramref name="proxies"/> proxy nodes, spread over the lanes.</summary>
    public async Task CreateAsync(IReadOnlyList<AppMeshApi> lanes, int proxies, CancellationToken ct)
    {
        await lanes[0].PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = Name }, ct);
        await lanes[0].PutAsync(NodesPath, new JsonObject { ["virtualNodeName"] = BackendNode, ["spec"] = BackendSpec(BackendPorts[0]) }, ct);
        await lanes[0].PutAsync($"/v20190125/meshes/{Name}/virtualServices", new JsonObject
        {
            ["virtualServiceName"] = BackendService,
            ["spec"] = new JsonObject { ["provider"] = new JsonObject { ["virtualNode"] = new JsonObject { ["virtualNodeName"] = BackendNode } } },
        }, ct);
        var next = -1;
        await Task.WhenAll(lanes.Select(async lane =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < proxies)
            {
                await lane.PutAsync(NodesPath, new JsonObject { ["virtualNodeName"] = ProxyNode(i), ["spec"] = ProxySpec(ProxyNode(i)) }, ct);
            }
        }));
    }

    /// <summary>UpdateVirtualNode of the backend onto <paramref name="port"/>; returns when its response was read.</summary>
    public Task<long> MoveBackendAsync(AppMeshApi api, int port, CancellationToken ct) =>
        api.PutAsync($"{NodesPath}/{BackendNode}", new JsonObject { ["spec"] = BackendSpec(port) }, ct);

    private string NodesPath => $"/v20190125/meshes/{Name}/virtualNodes";

    private static JsonObject BackendSpec(int port) => new()
    {
        ["listeners"] = new JsonArray(new JsonObject { ["portMapping"] = new JsonObject { ["port"] = port, ["protocol"] = "http" } }),
        ["serviceDiscovery"] = new JsonObject { ["dns"] = new JsonObject { ["hostname"] = "backend.bench.internal" } },
    };

    private static JsonObject ProxySpec(string node) => new()
    {
        ["listeners"] = new JsonArray(new JsonObject { ["portMapping"] = new JsonObject { ["port"] = 8080, ["protocol"] = "http" } }),
        ["serviceDiscovery"] = new JsonObject { ["dns"] = new JsonObject { ["hostname"] = $"{node}.bench.internal" } },
        ["backends"] = new JsonArray(new JsonObject { ["virtualService"] = new JsonObject { ["virtualServiceName"] = BackendService } }),
    };
}
