using CloudMesh.ControlPlane.Compiler.Specs;
using CloudMesh.ControlPlane.Model;

namespace CloudMesh.ControlPlane.Compiler.Planning;

/// <summary>
/// A mesh snapshot parsed and indexed once: every spec read into typed records, routes sorted by
/// priority, instances grouped by node, and every virtual service resolved to a <see cref="ServicePlan"/>.
/// Immutable after construction, so any number of threads may compile from it at once.
/// </summary>
internal sealed class MeshIndex
{
    private static readonly IReadOnlyList<EndpointInstance> NoInstances = [];
    private static readonly IReadOnlyList<GatewayRouteModel> NoGatewayRoutes = [];
    private readonly Dictionary<string, VirtualNodeModel> _nodes;
    private readonly Dictionary<string, string> _nodeSpecTexts;
    private readonly Dictionary<string, VirtualGatewayModel> _gateways;
    private readonly Dictionary<string, ServicePlan> _plans;
    private readonly Dictionary<string, List<GatewayRouteModel>> _gatewayRoutes;
    private readonly Dictionary<string, List<EndpointInstance>> _instances;

    public MeshIndex(MeshSnapshot snapshot)
    {
        MeshName = snapshot.MeshName;
        Region = snapshot.Region;
        Mesh = MeshModel.Parse(snapshot.Mesh.Spec);

        _nodes = new Dictionary<string, VirtualNodeModel>(snapshot.VirtualNodes.Count, StringComparer.Ordinal);
        _nodeSpecTexts = new Dictionary<string, string>(snapshot.VirtualNodes.Count, StringComparer.Ordinal);
        foreach (var node in snapshot.VirtualNodes)
        {
            if (_nodes.TryAdd(node.Name, VirtualNodeModel.Parse(node.Name, node.Spec)))
            {
                _nodeSpecTexts.Add(node.Name, node.Spec.GetRawText());
            }
        }

        _gateways = new Dictionary<string, VirtualGatewayModel>(snapshot.VirtualGateways.Count, StringComparer.Ordinal);
        foreach (var gateway in snapshot.VirtualGateways)
        {
            _gateways.TryAdd(gateway.Name, VirtualGatewayModel.Parse(gateway.Name, gateway.Spec));
        }

        var routers = new Dictionary<string, VirtualRouterModel>(snapshot.VirtualRouters.Count, StringComparer.Ordinal);
        foreach (var router in snapshot.VirtualRouters)
        {
            routers.TryAdd(router.Name, VirtualRouterModel.Parse(router.Name, router.Spec));
        }

        var routes = new Dictionary<string, List<RouteModel>>(StringComparer.Ordinal);
        foreach (var route in snapshot.Routes)
        {
            if (RouteModel.Parse(route.ParentName, route.Name, route.Spec) is { } model)
            {
                GetOrAdd(routes, route.ParentName).Add(model);
            }
        }

        foreach (var list in routes.Values)
        {
            list.Sort(PriorityOrder.Instance);
        }

        _gatewayRoutes = new Dictionary<string, List<GatewayRouteModel>>(StringComparer.Ordinal);
        foreach (var route in snapshot.GatewayRoutes)
        {
            if (GatewayRouteModel.Parse(route.ParentName, route.Name, route.Spec) is { } model)
            {
                GetOrAdd(_gatewayRoutes, route.ParentName).Add(model);
            }
        }

        foreach (var list in _gatewayRoutes.Values)
        {
            list.Sort(PriorityOrder.Instance);
        }

        _instances = new Dictionary<string, List<EndpointInstance>>(StringComparer.Ordinal);
        foreach (var instance in snapshot.Instances)
        {
            GetOrAdd(_instances, instance.VirtualNodeName).Add(instance);
        }

        foreach (var list in _instances.Values)
        {
            // The contract promises this order; sorting again keeps output stable if a loader slips.
            list.Sort(static (a, b) => string.CompareOrdinal(a.InstanceId, b.InstanceId));
        }

        var planner = new ServicePlanner(_nodes, routers, routes);
        _plans = new Dictionary<string, ServicePlan>(snapshot.VirtualServices.Count, StringComparer.Ordinal);
        foreach (var service in snapshot.VirtualServices)
        {
            _plans.TryAdd(service.Name, planner.Plan(VirtualServiceModel.Parse(service.Name, service.Spec)));
        }
    }

    public string MeshName { get; }

    public string Region { get; }

    public MeshModel Mesh { get; }

    public IEnumerable<string> NodeNames => _nodes.Keys;

    public IEnumerable<string> GatewayNames => _gateways.Keys;

    public VirtualNodeModel? Node(string name) => _nodes.GetValueOrDefault(name);

    /// <summary>
    /// The node's spec as stored (raw JSON): everything its model was parsed from, so equal texts mean equal models
    /// in any version of the mesh.
    /// </summary>
    public string NodeSpecText(string name) => _nodeSpecTexts[name];

    public VirtualGatewayModel? Gateway(string name) => _gateways.GetValueOrDefault(name);

    /// <summary>The virtual service's plan, or null when the service does not exist.</summary>
    public ServicePlan? Plan(string virtualService) => _plans.GetValueOrDefault(virtualService);

    public IReadOnlyList<GatewayRouteModel> GatewayRoutes(string gateway) =>
        _gatewayRoutes.TryGetValue(gateway, out var list) ? list : NoGatewayRoutes;

    public IReadOnlyList<EndpointInstance> Instances(string node) =>
        _instances.TryGetValue(node, out var list) ? list : NoInstances;

    /// <summary>The IP preference in force for a node: its service discovery's own, else the mesh's.</summary>
    public IpPreference IpPreferenceOf(VirtualNodeModel node) =>
        (node.ServiceDiscovery?.IpPreference ?? IpPreference.None).Or(Mesh.IpPreference);

    private static List<T> GetOrAdd<T>(Dictionary<string, List<T>> map, string key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map.Add(key, list);
        }

        return list;
    }
}
