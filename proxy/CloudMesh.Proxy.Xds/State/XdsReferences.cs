using CloudMesh.Xds;
using Cluster = Envoy.Config.Cluster.V3.Cluster;
using Envoy.Config.Listener.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;

namespace CloudMesh.Proxy.Xds.State;

/// <summary>
/// The EDS and RDS names a state refers to, as Envoy derives its subscriptions: an EDS cluster's
/// eds_cluster_config.service_name (else its name), and every HTTP connection manager's rds.route_config_name.
/// </summary>
internal static class XdsReferences
{
    /// <summary>The EDS service names of the state's EDS clusters, sorted.</summary>
    public static SortedSet<string> EndpointNames(XdsState state)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Cluster cluster in state.Clusters.Values)
        {
            if (EndpointNameOf(cluster) is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>The name an EDS cluster's endpoints are requested under; null for other cluster types.</summary>
    public static string? EndpointNameOf(Cluster cluster)
    {
        if (cluster.ClusterDiscoveryTypeCase != Cluster.ClusterDiscoveryTypeOneofCase.Type
            || cluster.Type != Cluster.Types.DiscoveryType.Eds)
        {
            return null;
        }

        string serviceName = cluster.EdsClusterConfig?.ServiceName ?? "";
        return serviceName.Length > 0 ? serviceName : cluster.Name;
    }

    /// <summary>The route configuration names the state's listeners load over RDS, sorted.</summary>
    /// <exception cref="Google.Protobuf.InvalidProtocolBufferException">An HTTP connection manager does not parse.</exception>
    public static SortedSet<string> RouteNames(XdsState state)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Listener listener in state.Listeners.Values)
        {
            AddRouteNames(listener, names);
        }

        return names;
    }

    private static void AddRouteNames(Listener listener, SortedSet<string> names)
    {
        foreach (FilterChain chain in listener.FilterChains)
        {
            AddRouteNames(chain, names);
        }

        if (listener.DefaultFilterChain is { } defaultChain)
        {
            AddRouteNames(defaultChain, names);
        }

        // Proxyless gRPC's API listeners carry their HTTP connection manager directly.
        if (listener.ApiListener?.ApiListener_ is { } api && XdsMessageTypes.HttpConnectionManager.IsIn(api))
        {
            AddRouteName(XdsMessageTypes.HttpConnectionManager.Unpack(api), names);
        }
    }

    private static void AddRouteNames(FilterChain chain, SortedSet<string> names)
    {
        foreach (Filter filter in chain.Filters)
        {
            if (filter.TypedConfig is { } config && XdsMessageTypes.HttpConnectionManager.IsIn(config))
            {
                AddRouteName(XdsMessageTypes.HttpConnectionManager.Unpack(config), names);
            }
        }
    }

    private static void AddRouteName(HttpConnectionManager manager, SortedSet<string> names)
    {
        if (manager.RouteSpecifierCase == HttpConnectionManager.RouteSpecifierOneofCase.Rds
            && manager.Rds.RouteConfigName is { Length: > 0 } name)
        {
            names.Add(name);
        }
    }
}
