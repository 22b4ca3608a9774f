using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.ControlPlane.Compiler;
using CloudMesh.ControlPlane.Model;
using CloudMesh.Proxy.Xds;

namespace CloudMesh.Proxy.DataPlane.Tests.Support;

/// <summary>
/// An App Mesh mesh written as App Mesh wire JSON, compiled by the real compiler into the xDS a proxy would get. Nodes
/// use DNS service discovery with hostname 127.0.0.1, so every egress cluster points at a loopback test backend whose
/// port is the node's listener port.
/// </summary>
public sealed class TestMesh(string egressFilter = "DROP_ALL")
{
    private const string Account = "111122223333";
    private const string MeshName = "demo";
    private readonly SortedDictionary<string, JsonNode> _nodes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, JsonNode> _services = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, JsonNode> _routers = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, JsonNode> _gateways = new(StringComparer.Ordinal);
    private readonly List<(string Parent, string Name, JsonNode Spec)> _routes = [];
    private readonly List<(string Parent, string Name, JsonNode Spec)> _gatewayRoutes = [];
    private readonly List<EndpointInstance> _instances = [];

    /// <summary>
    /// A virtual node discovered through the registry (Cloud Map style, compiled to EDS): one instance per port, all on
    /// 127.0.0.1. <paramref name="listenerExtras"/> merges into the listener (healthCheck, outlierDetection, ...).
    /// </summary>
    public TestMesh RegisteredNode(string name, int listenerPort, int[] instancePorts, string? listenerExtras = null, int[]? unhealthyPorts = null)
    {
        Node(name, listenerPort, listenerExtras: listenerExtras);
        _instances.RemoveAll(i => i.VirtualNodeName == name);
        _nodes[name]["serviceDiscovery"] = JsonNode.Parse($$$$"""{"awsCloudMap":{"namespaceName":"demo.local","serviceName":"{{{{name}}}}"}}""");
        foreach (var port in instancePorts)
        {
            var healthy = unhealthyPorts is null || !unhealthyPorts.Contains(port);
            _instances.Add(new EndpointInstance(name, $"{name}-{port}", "127.0.0.1", port, healthy, new Dictionary<string, string>()));
        }

        return this;
    }

    /// <summary>A virtual node with one listener; <paramref name="listenerExtras"/> merges into the listener (timeout, connectionPool, ...).</summary>
    public TestMesh Node(string name, int port, string protocol = "http", string[]? backends = null, string? listenerExtras = null, string? logPath = null, string? hostname = "127.0.0.1", string? logFormat = null)
    {
        var listener = new JsonObject { ["portMapping"] = new JsonObject { ["port"] = port, ["protocol"] = protocol } };
        if (listenerExtras is not null)
        {
            foreach (var (key, value) in JsonNode.Parse(listenerExtras)!.AsObject().ToList())
            {
                listener[key] = value?.DeepClone();
            }
        }

        var spec = new JsonObject
        {
            ["listeners"] = new JsonArray(listener),
            ["serviceDiscovery"] = new JsonObject { ["dns"] = new JsonObject { ["hostname"] = hostname } },
        };
        if (backends is not null)
        {
            spec["backends"] = new JsonArray(backends.Select(b => (JsonNode)new JsonObject
            {
                ["virtualService"] = new JsonObject { ["virtualServiceName"] = b },
            }).ToArray());
        }

        if (logPath is not null)
        {
            spec["logging"] = JsonNode.Parse($$$$"""{"accessLog":{"file":{"path":"{{{{logPath}}}}"}}}""");
            if (logFormat is not null)
            {
                // App Mesh's logging.accessLog.file.format: {"text": "..."} or {"json": [{"key": ..., "value": ...}]}.
                spec["logging"]!["accessLog"]!["file"]!["format"] = JsonNode.Parse(logFormat);
            }
        }

        _nodes[name] = spec;
        return this;
    }

    /// <summary>Merges <paramref name="specExtras"/> (App Mesh JSON, e.g. backendDefaults) into node <paramref name="name"/>'s spec.</summary>
    public TestMesh NodeSpec(string name, string specExtras)
    {
        foreach (var (key, value) in JsonNode.Parse(specExtras)!.AsObject().ToList())
        {
            _nodes[name][key] = value?.DeepClone();
        }

        return this;
    }

    /// <summary>A virtual service provided directly by a node.</summary>
    public TestMesh ServiceOnNode(string service, string node)
    {
        _services[service] = JsonNode.Parse($$$$"""{"provider":{"virtualNode":{"virtualNodeName":"{{{{node}}}}"}}}""")!;
        return this;
    }

    /// <summary>A virtual service provided by a router listening on <paramref name="port"/>.</summary>
    public TestMesh ServiceOnRouter(string service, string router, int port, string protocol = "http")
    {
        _services[service] = JsonNode.Parse($$$$"""{"provider":{"virtualRouter":{"virtualRouterName":"{{{{router}}}}"}}}""")!;
        _routers[router] = JsonNode.Parse($$$$"""{"listeners":[{"portMapping":{"port":{{{{port}}}},"protocol":"{{{{protocol}}}}"}}]}""")!;
        return this;
    }

    /// <summary>A route of a router, as App Mesh route spec JSON.</summary>
    public TestMesh Route(string router, string name, string spec)
    {
        _routes.RemoveAll(r => r.Parent == router && r.Name == name);
        _routes.Add((router, name, JsonNode.Parse(spec)!));
        return this;
    }

    /// <summary>A virtual gateway with one listener.</summary>
    public TestMesh Gateway(string name, int port, string protocol = "http", string? listenerExtras = null, string? specExtras = null)
    {
        var gateway = JsonNode.Parse($$$$"""{"listeners":[{"portMapping":{"port":{{{{port}}}},"protocol":"{{{{protocol}}}}"}}]}""")!;
        foreach (var (key, value) in JsonNode.Parse(listenerExtras ?? "{}")!.AsObject().ToList())
        {
            gateway["listeners"]![0]![key] = value?.DeepClone();
        }

        foreach (var (key, value) in JsonNode.Parse(specExtras ?? "{}")!.AsObject().ToList())
        {
            gateway[key] = value?.DeepClone();
        }

        _gateways[name] = gateway;
        return this;
    }

    /// <summary>A gateway route, as App Mesh gateway route spec JSON.</summary>
    public TestMesh GatewayRoute(string gateway, string name, string spec)
    {
        _gatewayRoutes.Add((gateway, name, JsonNode.Parse(spec)!));
        return this;
    }

    /// <summary>Compiles the xDS of <paramref name="proxy"/> (a node, or a gateway when <paramref name="gateway"/>).</summary>
    public XdsState Compile(string proxy, bool gateway = false)
    {
        var snapshot = new MeshSnapshot(
            Account,
            "us-east-1",
            Resource(MeshName, "", JsonNode.Parse($$$$"""{"egressFilter":{"type":"{{{{egressFilter}}}}"}}""")!),
            _nodes.Select(n => Resource(n.Key, "", n.Value)).ToList(),
            _services.Select(n => Resource(n.Key, "", n.Value)).ToList(),
            _routers.Select(n => Resource(n.Key, "", n.Value)).ToList(),
            _routes.OrderBy(r => r.Parent, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).Select(r => Resource(r.Name, r.Parent, r.Spec)).ToList(),
            _gateways.Select(n => Resource(n.Key, "", n.Value)).ToList(),
            _gatewayRoutes.OrderBy(r => r.Parent, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).Select(r => Resource(r.Name, r.Parent, r.Spec)).ToList(),
            _instances.OrderBy(i => i.VirtualNodeName, StringComparer.Ordinal).ThenBy(i => i.InstanceId, StringComparer.Ordinal).ToList());
        var identity = new ProxyIdentity(Account, MeshName, gateway ? ProxyKind.VirtualGateway : ProxyKind.VirtualNode, proxy);
        var config = MeshCompiler.Prepare(snapshot).Compile(identity) ?? throw new InvalidOperationException($"the compiler knows no proxy {proxy}");
        return ToState(config);
    }

    public static XdsState ToState(ProxyConfig config) => new(
        config.Listeners.ToImmutableDictionary(l => l.Name, StringComparer.Ordinal),
        config.RouteConfigurations.ToImmutableDictionary(r => r.Name, StringComparer.Ordinal),
        config.Clusters.ToImmutableDictionary(c => c.Name, StringComparer.Ordinal),
        config.ClusterLoadAssignments.ToImmutableDictionary(c => c.ClusterName, StringComparer.Ordinal));

    private static MeshResource Resource(string name, string parent, JsonNode spec) =>
        new(name, parent, 1, JsonSerializer.Deserialize<JsonElement>(spec.ToJsonString()));
}
