namespace CloudMesh.Proxy.DataPlane.Translation;

/// <summary>How a cluster finds its endpoints.</summary>
internal enum ClusterKind
{
    /// <summary>Endpoints listed in the cluster (STATIC).</summary>
    Static,

    /// <summary>Every address a name resolves to (STRICT_DNS).</summary>
    StrictDns,

    /// <summary>The first address a name resolves to, re-resolved periodically (LOGICAL_DNS).</summary>
    LogicalDns,

    /// <summary>Endpoints from the cluster's ClusterLoadAssignment (EDS).</summary>
    Eds,

    /// <summary>The connection's original destination (ORIGINAL_DST, passthrough).</summary>
    OriginalDestination,
}

/// <summary>One endpoint as configured: an address (IP literal or DNS name) and a port.</summary>
/// <param name="Host">IP literal or host name.</param>
/// <param name="Port">Port.</param>
/// <param name="Weight">Load-balancing weight (1 when unset).</param>
internal sealed record EndpointPlan(string Host, int Port, uint Weight);

/// <summary>Envoy circuit-breaker thresholds for the default priority (Envoy's defaults when unset).</summary>
internal sealed record CircuitBreakerPlan(int MaxConnections, int MaxPendingRequests, int MaxRequests, int MaxRetries)
{
    public static CircuitBreakerPlan Default { get; } = new(1024, 1024, 1024, 3);
}

/// <summary>Consecutive-5xx outlier detection.</summary>
internal sealed record OutlierPlan(int Consecutive5xx, TimeSpan Interval, TimeSpan BaseEjectionTime, int MaxEjectionPercent);

/// <summary>An active HTTP (GET <c>HttpPath</c>, 2xx healthy) or TCP connect (null path) health check.</summary>
internal sealed record HealthCheckPlan(string? HttpPath, bool Http2, TimeSpan Interval, TimeSpan Timeout, int HealthyThreshold, int UnhealthyThreshold);

/// <summary>A cluster as the data plane runs it.</summary>
internal sealed record ClusterPlan(
    string Name,
    ClusterKind Kind,
    IReadOnlyList<EndpointPlan> Endpoints,
    bool Http2,
    bool RandomBalancing,
    TimeSpan ConnectTimeout,
    TimeSpan DnsRefreshRate,
    Envoy.Config.Cluster.V3.Cluster.Types.DnsLookupFamily DnsFamily,
    CircuitBreakerPlan CircuitBreakers,
    OutlierPlan? Outlier,
    HealthCheckPlan? HealthCheck,
    UpstreamTlsPlan? Tls = null);
