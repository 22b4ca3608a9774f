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
    /// <summary>
    /// The egress route configuration for one list of backends (null when none has an HTTP port), and the cluster
    /// targets its routes use, per backend and in the order they were asked for. The same for every node with those
    /// backends; only the client TLS policy, applied when the targets are registered, is the node's own.
    /// </summary>
    internal sealed record EgressRoutes(RouteConfiguration? Route, IReadOnlyList<ClusterTarget>[] Targets);

    public static void Build(MeshIndex index, SharedResources shared, VirtualNodeModel node, List<ResolvedBackend> backends, EgressClusters clusters, ProxyResources resources)
    {
        var backendNames = string.Join('\n', backends.Select(b => b.Plan.ServiceName));
        var egress = shared.EgressRoutes(backendNames, _ => BuildRoutes(index, backends));
        var tcpPorts = new SortedDictionary<int, (TcpRule Rule, ClientTlsSpec? Tls)>();
        for (var i = 0; i < backends.Count; i++)
        {
            var backend = backends[i];
            var tls = backend.ClientTls;

            // Registered in the order a fresh build asks for them: the first registration's policy wins.
            foreach (var target in egress.Targets[i])
            {
                clusters.Use(target, tls);
            }

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
        if (egress.Route is null && tcpPorts.Count == 0 && !allowAll)
        {
            return;
        }

        if (egress.Route is { } route)
        {
            resources.Add(route);
        }

        if (allowAll)
        {
            resources.Add(shared.PassthroughCluster(static () => new Cluster
            {
                Name = ResourceNames.PassthroughCluster,
                Type = Cluster.Types.DiscoveryType.OriginalDst,
                LbPolicy = Cluster.Types.LbPolicy.ClusterProvided,
            }));
        }

        // Without TCP chains the listener depends on nothing but the key's parts, so nodes alike share it; TCP chains
        // name the node's clusters (and register them), so such a listener is the node's own.
        var key = new EgressListenerKey(index.IpPreferenceOf(node), node.AccessLog, egress.Route is not null, allowAll);
        resources.Add(tcpPorts.Count == 0
            ? shared.EgressListener(key, k => BuildListener(shared, k, tcpPorts, clusters))
            : BuildListener(shared, key, tcpPorts, clusters));
    }

    /// <summary>Everything the egress listener is built from, besides its TCP chains.</summary>
    internal sealed record EgressListenerKey(IpPreference Preference, AccessLogSpec? AccessLog, bool Http, bool AllowAll);

    private static Listener BuildListener(
        SharedResources shared, EgressListenerKey key, SortedDictionary<int, (TcpRule Rule, ClientTlsSpec? Tls)> tcpPorts, EgressClusters clusters)
    {
        var listener = new Listener
        {
            Name = ResourceNames.Listener("egress", ListenerParts.BindAddress(key.Preference), ResourceNames.EgressPort),
            Address = ListenerParts.Bind(key.Preference, ResourceNames.EgressPort),
            TrafficDirection = TrafficDirection.Outbound,
            ListenerFilters = { ListenerParts.OriginalDestination() },
        };

        if (key.Http)
        {
            listener.ListenerFilters.Add(HttpInspector(tcpPorts.Keys));
            if (key.AllowAll)
            {
                // Server-first protocols to outside destinations send nothing to inspect: let them through after the wait.
                listener.ContinueOnListenerFiltersTimeout = true;
            }

            listener.FilterChains.Add(new FilterChain
            {
                Name = ResourceNames.EgressHttpChain,
                FilterChainMatch = new FilterChainMatch { ApplicationProtocols = { "http/1.1", "h2c" } },
                Filters =
                {
                    shared.EgressHttpFilter(
                        key.AccessLog,
                        accessLog => ListenerParts.Filter(ListenerParts.HttpConnectionManager("egress", ResourceNames.EgressRouteConfiguration, accessLog))),
                },
            });
        }

        foreach (var (port, (rule, tls)) in tcpPorts)
        {
            var chain = ResourceNames.EgressTcpChain(port);
            listener.FilterChains.Add(new FilterChain
            {
                Name = chain,
                FilterChainMatch = new FilterChainMatch { DestinationPort = (uint)port },
                Filters = { ListenerParts.Filter(TcpProxy(chain, rule, target => clusters.Use(target, tls), key.AccessLog)) },
            });
        }

        if (key.AllowAll)
        {
            listener.DefaultFilterChain = new FilterChain
            {
                Name = ResourceNames.EgressPassthroughChain,
                Filters = { ListenerParts.Filter(InboundPath.TcpProxy(ResourceNames.EgressPassthroughChain, ResourceNames.PassthroughCluster, null, key.AccessLog)) },
            };
        }

        return listener;
    }

    private static EgressRoutes BuildRoutes(MeshIndex index, List<ResolvedBackend> backends)
    {
        var hosts = new List<VirtualHost>();
        var targets = new IReadOnlyList<ClusterTarget>[backends.Count];
        for (var i = 0; i < backends.Count; i++)
        {
            var used = new List<ClusterTarget>();
            hosts.AddRange(ServiceHosts.ForEnvoy(backends[i].Plan, target =>
            {
                used.Add(target);
                return EgressClusters.NameOf(index, target);
            }));
            targets[i] = used;
        }

        if (hosts.Count == 0)
        {
            return new EgressRoutes(null, targets);
        }

        if (index.Mesh.AllowAllEgress)
        {
            hosts.Add(new VirtualHost
            {
                Name = ResourceNames.EgressPassthroughChain,
                Domains = { "*" },
                Routes = { new Route { Name = ResourceNames.EgressPassthroughChain, Match = new RouteMatch { Prefix = "/" }, Route_ = new RouteAction { Cluster = ResourceNames.PassthroughCluster } } },
            });
        }

        return new EgressRoutes(new RouteConfiguration { Name = ResourceNames.EgressRouteConfiguration, VirtualHosts = { hosts } }, targets);
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
