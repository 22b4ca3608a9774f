using System.Collections.Concurrent;
using CloudMesh.ControlPlane.Compiler.Planning;
using CloudMesh.ControlPlane.Compiler.Specs;
using Envoy.Config.Core.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>
/// A virtual node's inbound path: the ingress listener on 15000 (where iptables redirects traffic for the
/// application's ports, keeping the original destination port), one filter chain per virtual node listener
/// matched on that port, and a local cluster per listener pointing at the application on loopback.
/// </summary>
internal static class InboundPath
{
    /// <summary>
    /// Adds the node's inbound resources, reusing the ones built for an identical node (same mesh, name, spec text
    /// and IP preference) in this mesh version or the one before: they are built from nothing else.
    /// </summary>
    public static void Build(MeshIndex index, Memo memo, VirtualNodeModel node, ProxyResources resources)
    {
        var key = new Key(index.MeshName, node.Name, index.NodeSpecText(node.Name), index.IpPreferenceOf(node));
        var built = memo.GetOrAdd(key, () =>
        {
            var own = new ProxyResources();
            Build(index, node, own);
            return own.ToConfig();
        });

        // Added in the order a direct build adds them: the first resource of a name wins.
        foreach (var cluster in built.Clusters)
        {
            resources.Add(cluster);
        }

        foreach (var route in built.RouteConfigurations)
        {
            resources.Add(route);
        }

        foreach (var listener in built.Listeners)
        {
            resources.Add(listener);
        }
    }

    private static void Build(MeshIndex index, VirtualNodeModel node, ProxyResources resources)
    {
        if (node.Listeners.Count == 0)
        {
            return;
        }

        var preference = index.IpPreferenceOf(node);
        var ipv6 = preference is IpPreference.IPv6Preferred or IpPreference.IPv6Only;
        var listener = new Listener
        {
            Name = ResourceNames.Listener("ingress", ListenerParts.BindAddress(preference), ResourceNames.IngressPort),
            Address = ListenerParts.Bind(preference, ResourceNames.IngressPort),
            TrafficDirection = TrafficDirection.Inbound,
            ListenerFilters = { ListenerParts.OriginalDestination() },
        };
        if (node.Listeners.Any(l => l.Tls?.Mode == ListenerTlsMode.Permissive))
        {
            listener.ListenerFilters.Add(ListenerParts.TlsInspector());
        }

        foreach (var nodeListener in node.Listeners.OrderBy(l => l.Port))
        {
            var local = LocalClusters.Build(index.MeshName, node, nodeListener, ipv6);
            resources.Add(local);

            var chain = ResourceNames.IngressChain(nodeListener.Protocol, nodeListener.Port);
            var match = new FilterChainMatch { DestinationPort = (uint)nodeListener.Port };
            var filter = nodeListener.Protocol.IsHttpFamily()
                ? HttpFilter(node, nodeListener, chain, local.Name, resources)
                : ListenerParts.Filter(TcpProxy(chain, local.Name, nodeListener.Timeout?.IdleMillis, node.AccessLog));
            listener.FilterChains.AddRange(ListenerParts.Chains(chain, match, filter, nodeListener.Tls));
        }

        resources.Add(listener);
    }

    private static Filter HttpFilter(VirtualNodeModel node, NodeListener nodeListener, string chain, string localCluster, ProxyResources resources)
    {
        var routeName = ResourceNames.IngressRouteConfiguration(nodeListener.Protocol, nodeListener.Port);
        var manager = ListenerParts.HttpConnectionManager(chain, routeName, node.AccessLog);
        if (nodeListener.Timeout?.IdleMillis is { } idle)
        {
            manager.CommonHttpProtocolOptions = new HttpProtocolOptions { IdleTimeout = Xds.Millis(idle) };
        }

        var action = new RouteAction { Cluster = localCluster };
        if (nodeListener.Timeout?.PerRequestMillis is { } perRequest)
        {
            action.Timeout = Xds.Millis(perRequest);
        }

        resources.Add(new RouteConfiguration
        {
            Name = routeName,
            VirtualHosts =
            {
                new VirtualHost
                {
                    Name = chain,
                    Domains = { "*" },
                    Routes = { new Route { Name = chain, Match = new RouteMatch { Prefix = "/" }, Route_ = action } },
                },
            },
        });
        return ListenerParts.Filter(manager);
    }

    internal static TcpProxy TcpProxy(string statPrefix, string cluster, long? idleMillis, AccessLogSpec? accessLog)
    {
        var proxy = new TcpProxy { StatPrefix = statPrefix, Cluster = cluster };
        if (idleMillis is { } idle)
        {
            proxy.IdleTimeout = Xds.Millis(idle);
        }

        if (accessLog is not null)
        {
            proxy.AccessLog.Add(AccessLogs.File(accessLog));
        }

        return proxy;
    }

    /// <summary>Everything a node's inbound resources are built from.</summary>
    internal sealed record Key(string MeshName, string NodeName, string SpecText, IpPreference Preference);

    /// <summary>
    /// Inbound resources by <see cref="Key"/>, for one mesh version, falling back to the previous version's memo:
    /// equal keys build equal resources in any version, so an unchanged node keeps the very same instances.
    /// </summary>
    internal sealed class Memo(Memo? previous)
    {
        private readonly ConcurrentDictionary<Key, Model.ProxyConfig> _built = new();

        // Only the previous version's own entries are consulted, never its predecessor: no chain of versions stays alive.
        private readonly ConcurrentDictionary<Key, Model.ProxyConfig>? _previous = previous?._built;

        public int Count => _built.Count;

        public Model.ProxyConfig GetOrAdd(Key key, Func<Model.ProxyConfig> build)
        {
            if (_built.TryGetValue(key, out var found))
            {
                return found;
            }

            var value = _previous is not null && _previous.TryGetValue(key, out var carried) ? carried : build();
            return _built.GetOrAdd(key, value);
        }
    }
}
