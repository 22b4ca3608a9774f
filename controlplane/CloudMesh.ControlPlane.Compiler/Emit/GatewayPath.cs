using CloudMesh.ControlPlane.Compiler.Planning;
using CloudMesh.ControlPlane.Compiler.Specs;
using Envoy.Config.Core.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>
/// A virtual gateway: a listener per gateway listener port, each with a route configuration built from
/// the gateway routes for that port (in priority order) combined with their target services' rules.
/// Hostname matches become virtual hosts; a virtual host carries every route whose hostname match covers
/// all of its hosts, so Envoy's most-specific-host-first choice never hides a route that should apply.
/// </summary>
internal static class GatewayPath
{
    public static void Build(MeshIndex index, VirtualGatewayModel gateway, EgressClusters clusters, ProxyResources resources)
    {
        var preference = index.Mesh.IpPreference;
        foreach (var gatewayListener in gateway.Listeners.OrderBy(l => l.Port))
        {
            var rules = new List<GatewayRule>();
            foreach (var route in index.GatewayRoutes(gateway.Name))
            {
                if (route.Kind != gatewayListener.Protocol || (route.MatchPort is { } port && port != gatewayListener.Port))
                {
                    continue;
                }

                // A gateway cannot speak HTTP to a TCP provider port: such a target cannot apply.
                if (index.Plan(route.TargetService)?.PortOrDefault(route.TargetPort) is { } servicePort && servicePort.Protocol.IsHttpFamily())
                {
                    rules.AddRange(GatewayRulePlanner.Combine(route, servicePort));
                }
            }

            var routeName = ResourceNames.IngressRouteConfiguration(gatewayListener.Protocol, gatewayListener.Port);
            var pool = gatewayListener.ConnectionPool;
            resources.Add(new RouteConfiguration
            {
                Name = routeName,
                VirtualHosts = { VirtualHosts(rules, target => clusters.Use(target, gateway.DefaultClientTls, pool)) },
            });

            var chain = ResourceNames.IngressChain(gatewayListener.Protocol, gatewayListener.Port);
            var manager = ListenerParts.HttpConnectionManager(chain, routeName, gateway.AccessLog);

            // Hostname matches compare names; a client's Host may carry the gateway's port.
            manager.StripAnyHostPort = true;
            var listener = new Listener
            {
                Name = ResourceNames.Listener("ingress", ListenerParts.BindAddress(preference), gatewayListener.Port),
                Address = ListenerParts.Bind(preference, gatewayListener.Port),
                TrafficDirection = TrafficDirection.Inbound,
            };
            if (gatewayListener.Tls?.Mode == ListenerTlsMode.Permissive)
            {
                listener.ListenerFilters.Add(ListenerParts.TlsInspector());
            }

            listener.FilterChains.AddRange(ListenerParts.Chains(chain, null, ListenerParts.Filter(manager), gatewayListener.Tls));
            resources.Add(listener);
        }
    }

    private static IEnumerable<VirtualHost> VirtualHosts(List<GatewayRule> rules, Func<ClusterTarget, string> clusterName)
    {
        var hostnames = new SortedDictionary<string, HostnameMatch>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (rule.Hostname is { } hostname)
            {
                hostnames.TryAdd(Domain(hostname), hostname);
            }
        }

        foreach (var (domain, hostname) in hostnames)
        {
            var host = new VirtualHost { Name = domain, Domains = { domain } };
            foreach (var rule in rules)
            {
                if (hostname.IsCoveredBy(rule.Hostname))
                {
                    host.Routes.Add(Route(rule, clusterName));
                }
            }

            yield return host;
        }

        var any = new VirtualHost { Name = "*", Domains = { "*" } };
        foreach (var rule in rules)
        {
            if (rule.Hostname is null)
            {
                any.Routes.Add(Route(rule, clusterName));
            }
        }

        yield return any;
    }

    /// <summary>An exact name, or Envoy's suffix wildcard (<c>*</c> followed by the suffix).</summary>
    private static string Domain(HostnameMatch hostname) => hostname.Exact ?? "*" + hostname.Suffix;

    private static Route Route(GatewayRule rule, Func<ClusterTarget, string> clusterName)
    {
        var route = RouteActions.Build(rule.Rule with { Name = rule.Name }, RouteMatches.Build(rule.Match), clusterName);
        if (rule.PathRewrite is { } rewrite)
        {
            // With a path match Envoy swaps the whole matched path, with a prefix match the matched prefix.
            route.Route_.PrefixRewrite = rewrite;
        }

        if (rule.HostRewrite is { } host)
        {
            route.Route_.HostRewriteLiteral = host;
        }

        return route;
    }
}
