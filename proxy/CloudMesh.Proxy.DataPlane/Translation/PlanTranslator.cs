using CloudMesh.Proxy.Xds;

namespace CloudMesh.Proxy.DataPlane.Translation;

/// <summary>
/// The pure half of the data plane: an xDS state (and the previous plan, for listeners that are warming) in, an
/// immutable <see cref="DataPlanePlan"/> out, or a <see cref="PlanRejection"/> naming what cannot be honoured.
/// </summary>
internal static class PlanTranslator
{
    /// <param name="state">The candidate state.</param>
    /// <param name="previous">The plan now running (warming listeners keep theirs).</param>
    /// <param name="tls">Where certificate files named by TLS contexts are checked; null reads them through a cache of its own.</param>
    public static DataPlanePlan Translate(XdsState state, DataPlanePlan previous, ITlsMaterialSource? tls = null)
    {
        tls ??= new Tls.TlsMaterialCache(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var clusters = new Dictionary<string, ClusterPlan>(StringComparer.Ordinal);
        foreach (var (name, cluster) in state.Clusters)
        {
            state.ClusterLoadAssignments.TryGetValue(name, out var assignment);
            clusters[name] = ClusterTranslator.Translate(cluster, assignment, tls);
        }

        var routes = new Dictionary<string, (RouteTable, IReadOnlyList<string>)>(StringComparer.Ordinal);
        foreach (var (name, configuration) in state.RouteConfigurations)
        {
            routes[name] = (RouteTranslator.Translate(configuration), RouteTranslator.ReferencedClusters(configuration).Distinct().ToList());
        }

        var clusterNames = clusters.Keys.ToHashSet(StringComparer.Ordinal);
        var listeners = new Dictionary<string, ListenerPlan>(StringComparer.Ordinal);
        var warming = new List<string>();
        foreach (var (name, listener) in state.Listeners)
        {
            // API listeners are for proxyless gRPC clients; a socket-bound data plane has nothing to bind for them.
            if (listener.ApiListener is not null)
            {
                continue;
            }

            var plan = ListenerTranslator.Translate(listener, routes, clusterNames, tls);
            if (plan is not null)
            {
                listeners[name] = plan;
            }
            else
            {
                warming.Add(name);
                if (previous.Listeners.TryGetValue(name, out var old))
                {
                    listeners[name] = old;
                }
            }
        }

        return new DataPlanePlan(listeners, clusters, warming);
    }
}
