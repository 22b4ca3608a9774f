using CloudMesh.ControlPlane.Compiler.Planning;
using CloudMesh.ControlPlane.Compiler.Specs;
using Envoy.Config.Route.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>
/// A backend virtual service as virtual hosts: one per provider port, with domains <c>name:port</c>, and
/// the bare <c>name</c> on the lowest port (clients omit the port from Host when it is the scheme's default).
/// </summary>
internal static class ServiceHosts
{
    /// <summary>For Envoy's egress listener: HTTP-family ports only (TCP ports get their own filter chains).</summary>
    public static IEnumerable<VirtualHost> ForEnvoy(ServicePlan plan, Func<ClusterTarget, string> clusterName)
    {
        var ports = new List<(int Port, IReadOnlyList<HttpRule> Rules)>();
        foreach (var port in plan.Ports)
        {
            if (port.Protocol.IsHttpFamily())
            {
                ports.Add((port.Port, port.HttpRules));
            }
        }

        return Build(plan.ServiceName, ports, clusterName);
    }

    /// <summary>
    /// For proxyless gRPC clients: every port, since a gRPC call is HTTP/2 whatever the provider's listener
    /// protocol says; a TCP port's rule becomes a catch-all route.
    /// </summary>
    public static IEnumerable<VirtualHost> ForProxyless(ServicePlan plan, Func<ClusterTarget, string> clusterName)
    {
        var ports = new List<(int Port, IReadOnlyList<HttpRule> Rules)>();
        foreach (var port in plan.Ports)
        {
            IReadOnlyList<HttpRule> rules = port.Tcp is { } tcp
                ? [new HttpRule(tcp.Name, RequestMatch.Everything, tcp.Targets, null, null, false)]
                : port.HttpRules;
            ports.Add((port.Port, rules));
        }

        return Build(plan.ServiceName, ports, clusterName);
    }

    private static IEnumerable<VirtualHost> Build(string service, List<(int Port, IReadOnlyList<HttpRule> Rules)> ports, Func<ClusterTarget, string> clusterName)
    {
        for (var i = 0; i < ports.Count; i++)
        {
            var (port, rules) = ports[i];
            var host = new VirtualHost { Name = ports.Count == 1 ? service : $"{service}:{port}" };
            if (i == 0)
            {
                host.Domains.Add(service);
            }

            host.Domains.Add($"{service}:{port}");

            // A port with no usable route keeps its (empty) host: Envoy then answers 404 instead of the
            // request falling through to the passthrough host.
            foreach (var rule in rules)
            {
                host.Routes.Add(RouteActions.Build(rule, RouteMatches.Build(rule.Match), clusterName));
            }

            yield return host;
        }
    }
}
