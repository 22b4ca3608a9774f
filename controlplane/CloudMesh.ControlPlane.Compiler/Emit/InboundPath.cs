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
    public static void Build(MeshIndex index, VirtualNodeModel node, ProxyResources resources)
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
}
