using System.Collections.Concurrent;
using System.Net;
using CloudMesh.Proxy.DataPlane.Translation;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>One applied configuration: the plan and the cluster runtimes it routes to. Swapped as a whole; never edited.</summary>
internal sealed class RuntimeState(DataPlanePlan plan, IReadOnlyDictionary<string, ClusterRuntime> clusters)
{
    public static RuntimeState Empty { get; } = new(DataPlanePlan.Empty, new Dictionary<string, ClusterRuntime>());

    public DataPlanePlan Plan { get; } = plan;

    public IReadOnlyDictionary<string, ClusterRuntime> Clusters { get; } = clusters;
}

/// <summary>The current runtime state and the counters that outlive config versions (per virtual host and route).</summary>
internal sealed class RuntimeHolder
{
    private volatile RuntimeState _current = RuntimeState.Empty;

    public RuntimeState Current
    {
        get => _current;
        set => _current = value;
    }

    /// <summary>Counters per (route configuration, virtual host) and per (route configuration, virtual host, route).</summary>
    public ConcurrentDictionary<(string Table, string Host, string Route), RouteCounters> RouteCounters { get; } = new();

    public RouteCounters CountersFor(string table, string host, string route) =>
        RouteCounters.GetOrAdd((table, host, route), static _ => new RouteCounters());
}

/// <summary>Counters of one route (or of a virtual host when the route is empty: requests that matched no route).</summary>
internal sealed class RouteCounters : ResponseCounters
{
    public long Requests;
    public long Retries;
    public long Timeouts;
}

/// <summary>What a downstream connection was bound to when accepted: the listener, the chain, the original destination.</summary>
internal sealed record ConnectionRoute(string Listener, FilterChainPlan Chain, IPEndPoint? OriginalDestination)
{
    /// <summary>The key under which the route is kept in the connection's items.</summary>
    public const string ItemKey = "cloudmesh.connection-route";
}
