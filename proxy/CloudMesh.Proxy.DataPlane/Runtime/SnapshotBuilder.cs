using CloudMesh.Proxy.Xds;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>Reads the runtime into the public <see cref="DataPlaneSnapshot"/>.</summary>
internal static class SnapshotBuilder
{
    public static DataPlaneSnapshot Build(XdsState state, RuntimeHolder runtime, IReadOnlyDictionary<string, (string Endpoint, Tls.TlsCounters Tls)> bound, string? lastRejection)
    {
        var current = runtime.Current;
        var listeners = new List<ListenerStatus>();
        foreach (var (name, listener) in state.Listeners.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (listener.ApiListener is not null)
            {
                continue;
            }

            var socket = listener.Address?.SocketAddress;
            listeners.Add(new ListenerStatus(
                name,
                socket?.Address ?? "",
                (int)(socket?.PortValue ?? 0),
                bound.TryGetValue(name, out var server) ? server.Endpoint : null,
                current.Plan.WarmingListeners.Contains(name),
                server.Tls is not null && current.Plan.Listeners.TryGetValue(name, out var plan) && plan.Chains.Append(plan.DefaultChain).Any(c => c?.Tls is not null)
                    ? server.Tls.Read()
                    : null));
        }

        var now = DateTimeOffset.UtcNow.UtcTicks;
        var clusters = current.Clusters.Values
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new ClusterStatus(
                c.Name,
                c.Source.Type.ToString().ToUpperInvariant(),
                c.Endpoints.Distinct().Select(e => new EndpointStatus(e.Address.ToString(), e.Weight, e.Healthy, e.IsEjected(now))).ToList(),
                Stats(c.Counters, c.Plan.Tls is not null)))
            .ToList();

        var routes = runtime.RouteCounters
            .OrderBy(r => r.Key.Table, StringComparer.Ordinal).ThenBy(r => r.Key.Host, StringComparer.Ordinal).ThenBy(r => r.Key.Route, StringComparer.Ordinal)
            .Select(r => new RouteStats(
                r.Key.Table,
                r.Key.Host,
                r.Key.Route,
                Interlocked.Read(ref r.Value.Requests),
                Interlocked.Read(ref r.Value.Responses2xx),
                Interlocked.Read(ref r.Value.Responses3xx),
                Interlocked.Read(ref r.Value.Responses4xx),
                Interlocked.Read(ref r.Value.Responses5xx),
                Interlocked.Read(ref r.Value.Retries),
                Interlocked.Read(ref r.Value.Timeouts)))
            .ToList();

        return new DataPlaneSnapshot(state, listeners, clusters, routes, lastRejection);
    }

    private static ClusterStats Stats(ClusterCounters c, bool tls) => new(
        Interlocked.Read(ref c.Requests),
        Interlocked.Read(ref c.Responses1xx),
        Interlocked.Read(ref c.Responses2xx),
        Interlocked.Read(ref c.Responses3xx),
        Interlocked.Read(ref c.Responses4xx),
        Interlocked.Read(ref c.Responses5xx),
        Interlocked.Read(ref c.Retries),
        Interlocked.Read(ref c.Timeouts),
        Interlocked.Read(ref c.ConnectFailures),
        Interlocked.Read(ref c.Ejections),
        Interlocked.Read(ref c.Overflow),
        Interlocked.Read(ref c.ActiveRequests),
        Interlocked.Read(ref c.ConnectionsActive),
        Interlocked.Read(ref c.ConnectionsTotal),
        Interlocked.Read(ref c.TcpConnections),
        ClusterCounters.LatencyBucketsMs,
        c.LatencyBuckets.Select(b => Interlocked.Read(ref b)).ToArray(),
        Interlocked.Read(ref c.LatencyCount),
        Interlocked.Read(ref c.LatencySumMicroseconds) / 1000.0,
        tls ? c.Tls.Read() : null);
}
