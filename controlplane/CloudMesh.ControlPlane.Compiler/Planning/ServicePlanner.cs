using CloudMesh.ControlPlane.Compiler.Specs;

namespace CloudMesh.ControlPlane.Compiler.Planning;

/// <summary>
/// Resolves a virtual service to its <see cref="ServicePlan"/>: through its router's listeners and routes
/// (in priority order) or straight to its provider node's listeners. Whatever cannot apply is left out,
/// as App Mesh does: a missing provider, a target node that is missing or has no service discovery (so
/// nobody can reach it), a zero weight, a route with no target left.
/// </summary>
internal sealed class ServicePlanner(
    IReadOnlyDictionary<string, VirtualNodeModel> nodes,
    IReadOnlyDictionary<string, VirtualRouterModel> routers,
    IReadOnlyDictionary<string, List<RouteModel>> routes)
{
    public ServicePlan Plan(VirtualServiceModel service)
    {
        if (service.ProviderNode is { } nodeName)
        {
            return nodes.TryGetValue(nodeName, out var node) ? PlanNode(service.Name, node) : new ServicePlan(service.Name, []);
        }

        if (service.ProviderRouter is { } routerName && routers.TryGetValue(routerName, out var router))
        {
            return PlanRouter(service.Name, router, routes.TryGetValue(routerName, out var list) ? list : []);
        }

        return new ServicePlan(service.Name, []);
    }

    private static ServicePlan PlanNode(string serviceName, VirtualNodeModel node)
    {
        if (node.ServiceDiscovery is null)
        {
            return new ServicePlan(serviceName, []);
        }

        var ports = new List<ServicePort>(node.Listeners.Count);
        foreach (var listener in node.Listeners.OrderBy(l => l.Port))
        {
            var targets = new[] { new WeightedTarget(new ClusterTarget(node, listener), 1) };
            ports.Add(listener.Protocol.IsHttpFamily()
                ? new ServicePort(listener.Port, listener.Protocol, [new HttpRule(node.Name, RequestMatch.Everything, targets, null, listener.Timeout, listener.Protocol == PortProtocol.Grpc)], null)
                : new ServicePort(listener.Port, listener.Protocol, [], new TcpRule(node.Name, targets, listener.Timeout?.IdleMillis)));
        }

        return new ServicePlan(serviceName, ports);
    }

    private ServicePlan PlanRouter(string serviceName, VirtualRouterModel router, List<RouteModel> sortedRoutes)
    {
        var ports = new List<ServicePort>(router.Listeners.Count);
        foreach (var listener in router.Listeners.OrderBy(l => l.Port))
        {
            var httpRules = new List<HttpRule>();
            TcpRule? tcp = null;
            foreach (var route in sortedRoutes)
            {
                if (route.Kind != listener.Protocol || (route.MatchPort is { } port && port != listener.Port))
                {
                    continue;
                }

                var targets = ResolveTargets(route.Targets, listener.Port);
                if (targets.Count == 0)
                {
                    continue;
                }

                if (listener.Protocol == PortProtocol.Tcp)
                {
                    // A TCP proxy cannot tell connections apart: the first route in priority order decides.
                    tcp ??= new TcpRule(route.Name, targets, route.Timeout?.IdleMillis);
                }
                else
                {
                    httpRules.Add(new HttpRule(route.Name, route.Match, targets, route.Retry, route.Timeout, route.Kind == PortProtocol.Grpc));
                }
            }

            ports.Add(new ServicePort(listener.Port, listener.Protocol, httpRules, tcp));
        }

        return new ServicePlan(serviceName, ports);
    }

    private List<WeightedTarget> ResolveTargets(IReadOnlyList<WeightedTargetSpec> specs, int routerPort)
    {
        var result = new List<WeightedTarget>(specs.Count);
        foreach (var spec in specs)
        {
            if (spec.Weight <= 0
                || !nodes.TryGetValue(spec.VirtualNode, out var node)
                || node.ServiceDiscovery is null
                || TargetListener(node, spec.Port, routerPort) is not { } listener)
            {
                continue;
            }

            // Two targets naming the same node listener are one cluster with their weights summed.
            var index = result.FindIndex(t => ReferenceEquals(t.Target.Node, node) && t.Target.Listener.Port == listener.Port);
            if (index >= 0)
            {
                result[index] = result[index] with { Weight = result[index].Weight + spec.Weight };
            }
            else
            {
                result.Add(new WeightedTarget(new ClusterTarget(node, listener), spec.Weight));
            }
        }

        return result;
    }

    /// <summary>
    /// The target's listener: the one named by port; else the node's only listener; else the one on the
    /// router's port; else the first declared.
    /// </summary>
    private static NodeListener? TargetListener(VirtualNodeModel node, int? port, int routerPort)
    {
        if (port is { } p)
        {
            return node.ListenerOn(p);
        }

        return node.Listeners.Count switch
        {
            0 => null,
            1 => node.Listeners[0],
            _ => node.ListenerOn(routerPort) ?? node.Listeners[0],
        };
    }
}
