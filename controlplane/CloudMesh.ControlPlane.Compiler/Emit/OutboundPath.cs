using CloudMesh.ControlPlane.Compiler.Planning;
using CloudMesh.ControlPlane.Compiler.Specs;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using Envoy.Type.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>
/// A virtual node's outbound path: the egress listener on 15001, where iptables redirects the
/// application's outbound connections. HTTP (recognized by the HTTP inspector) goes through one HTTP
/// connection manager whose route configuration has a virtual host per backend; TCP backends get a chain
/// on their destination port; with egress filter ALLOW_ALL everything else passes through to its original
/// destination, DROP_ALL closes it (HTTP to an unknown host gets a 404).
/// </summary>
internal static class OutboundPath
{
    public static void Build(MeshIndex index, VirtualNodeModel node, List<ResolvedBackend> backends, EgressClusters clusters, ProxyResources resources)
    {
        var hosts = new List<VirtualHost>();
        var tcpPorts = new SortedDictionary<int, (TcpRule Rule, ClientTlsSpec? Tls)>();
        foreach (var backend in backends)
        {
            var tls = backend.ClientTls;
            hosts.AddRange(ServiceHosts.ForEnvoy(backend.Plan, target => clusters.Use(target, tls)));
            foreach (var port in backend.Plan.Ports)
            {
                // A TCP proxy only sees the destination port: the first backend (by name) claims it.
                if (port.Tcp is { } rule)
                {
                    tcpPorts.TryAdd(port.Port, (rule, tls));
                }
            }
        }

        var allowAll = index.Mesh.AllowAllEgress;
        if (hosts.Count == 0 && tcpPorts.Count == 0 && !allowAll)
        {
            return;
        }

        var preference = index.IpPreferenceOf(node);
        var listener = new Listener
        {
            Name = ResourceNames.Listener("egress", ListenerParts.BindAddress(preference), ResourceNames.EgressPort),
            Address = ListenerParts.Bind(preference, ResourceNames.EgressPort),
            TrafficDirection = TrafficDirection.Outbound,
            ListenerFilters = { ListenerParts.OriginalDestination() },
        };

        if (hosts.Count > 0)
        {
            listener.ListenerFilters.Add(HttpInspector(tcpPorts.Keys));
            if (allowAll)
            {
                hosts.Add(new VirtualHost
                {
                    Name = ResourceNames.EgressPassthroughChain,
                    Domains = { "*" },
                    Routes = { new Route { Name = ResourceNames.EgressPassthroughChain, Match = new RouteMatch { Prefix = "/" }, Route_ = new RouteAction { Cluster = ResourceNames.PassthroughCluster } } },
                });

                // Server-first protocols to outside destinations send nothing to inspect: let them through after the wait.
                listener.ContinueOnListenerFiltersTimeout = true;
            }

            resources.Add(new RouteConfiguration { Name = ResourceNames.EgressRouteConfiguration, VirtualHosts = { hosts } });
            listener.FilterChains.Add(new FilterChain
            {
                Name = ResourceNames.EgressHttpChain,
                FilterChainMatch = new FilterChainMatch { ApplicationProtocols = { "http/1.1", "h2c" } },
                Filters = { ListenerParts.Filter(ListenerParts.HttpConnectionManager("egress", ResourceNames.EgressRouteConfiguration, node.AccessLog)) },
            });
        }

        foreach (var (port, (rule, tls)) in tcpPorts)
        {
            var chain = ResourceNames.EgressTcpChain(port);
            listener.FilterChains.Add(new FilterChain
            {
                Name = chain,
                FilterChainMatch = new FilterChainMatch { DestinationPort = (uint)port },
                Filters = { ListenerParts.Filter(TcpProxy(chain, rule, target => clusters.Use(target, tls), node.AccessLog)) },
            });
        }

        if (allowAll)
        {
            listener.DefaultFilterChain = new FilterChain
            {
                Name = ResourceNames.EgressPassthroughChain,
                Filters = { ListenerParts.Filter(InboundPath.TcpProxy(ResourceNames.EgressPassthroughChain, ResourceNames.PassthroughCluster, null, node.AccessLog)) },
            };
            resources.Add(new Cluster
            {
                Name = ResourceNames.PassthroughCluster,
                Type = Cluster.Types.DiscoveryType.OriginalDst,
                LbPolicy = Cluster.Types.LbPolicy.ClusterProvided,
            });
        }

        resources.Add(listener);
    }

    /// <summary>
    /// The HTTP inspector, switched off for the TCP backends' ports: it waits for the client's first bytes,
    /// which a server-first protocol (MySQL, SMTP) never sends.
    /// </summary>
    private static ListenerFilter HttpInspector(ICollection<int> tcpPorts)
    {
        var filter = ListenerParts.HttpInspector();
        if (tcpPorts.Count == 0)
        {
            return filter;
        }

        var predicates = tcpPorts
            .Select(port => new ListenerFilterChainMatchPredicate { DestinationPortRange = new Int32Range { Start = port, End = port + 1 } })
            .ToList();
        filter.FilterDisabled = predicates.Count == 1
            ? predicates[0]
            : new ListenerFilterChainMatchPredicate { OrMatch = new ListenerFilterChainMatchPredicate.Types.MatchSet { Rules = { predicates } } };
        return filter;
    }

    private static TcpProxy TcpProxy(string chain, TcpRule rule, Func<ClusterTarget, string> clusterName, AccessLogSpec? accessLog)
    {
        TcpProxy proxy;
        if (rule.Targets.Count == 1)
        {
            proxy = InboundPath.TcpProxy(chain, clusterName(rule.Targets[0].Target), rule.IdleMillis, accessLog);
        }
        else
        {
            proxy = InboundPath.TcpProxy(chain, "", rule.IdleMillis, accessLog);
            var weighted = new TcpProxy.Types.WeightedCluster();
            foreach (var target in rule.Targets)
            {
                weighted.Clusters.Add(new TcpProxy.Types.WeightedCluster.Types.ClusterWeight { Name = clusterName(target.Target), Weight = (uint)target.Weight });
            }

            proxy.WeightedClusters = weighted;
        }

        return proxy;
    }
}
