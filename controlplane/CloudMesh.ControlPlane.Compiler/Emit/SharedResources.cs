using System.Collections.Concurrent;
using CloudMesh.ControlPlane.Compiler.Specs;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Filter = Envoy.Config.Listener.V3.Filter;
using Envoy.Config.Route.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>
/// Resources that are the same for every proxy using them, built once per mesh version and then handed to every
/// proxy as the same instances (so downstream they are also serialized and hashed once). Every key holds all the
/// inputs its resource is built from, so a hit is exactly what a fresh build would give. Thread-safe: two threads
/// may build the same entry at once, and both then use whichever was stored first.
/// </summary>
internal sealed class SharedResources(InboundPath.Memo? carriedInbound)
{
    private readonly ConcurrentDictionary<EgressClusters.Key, (Cluster Cluster, ClusterLoadAssignment? Assignment)> _egressClusters = new();
    private readonly ConcurrentDictionary<string, OutboundPath.EgressRoutes> _egressRoutes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<AccessLogKey, Filter> _egressHttpFilters = new();
    private readonly ConcurrentDictionary<OutboundPath.EgressListenerKey, Listener> _egressListeners = new();
    private Cluster? _passthrough;

    /// <summary>
    /// Per-node inbound resources. Their key is the node's spec text, so unlike the other entries they stay valid
    /// in the next mesh version: <see cref="CompiledMesh"/> hands them on to its successor.
    /// </summary>
    public InboundPath.Memo Inbound { get; } = new(carriedInbound);

    public (Cluster Cluster, ClusterLoadAssignment? Assignment) EgressCluster(
        EgressClusters.Key key, Func<EgressClusters.Key, (Cluster, ClusterLoadAssignment?)> build) =>
        _egressClusters.GetOrAdd(key, build);

    /// <param name="backends">The backends' virtual service names in order, one per line: within one mesh version they determine the plans.</param>
    /// <param name="build">Builds the entry.</param>
    public OutboundPath.EgressRoutes EgressRoutes(string backends, Func<string, OutboundPath.EgressRoutes> build) =>
        _egressRoutes.GetOrAdd(backends, build);

    public Filter EgressHttpFilter(AccessLogSpec? accessLog, Func<AccessLogSpec?, Filter> build) =>
        _egressHttpFilters.GetOrAdd(new AccessLogKey(accessLog), key => build(key.Spec));

    public Listener EgressListener(OutboundPath.EgressListenerKey key, Func<OutboundPath.EgressListenerKey, Listener> build) =>
        _egressListeners.GetOrAdd(key, build);

    public Cluster PassthroughCluster(Func<Cluster> build)
    {
        var built = Volatile.Read(ref _passthrough);
        return built ?? Interlocked.CompareExchange(ref _passthrough, build(), null) ?? _passthrough!;
    }

    /// <summary>Wraps the (nullable) access log so that "no access log" can be a dictionary key.</summary>
    private readonly record struct AccessLogKey(AccessLogSpec? Spec);
}
