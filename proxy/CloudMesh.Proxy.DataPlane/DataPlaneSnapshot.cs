using CloudMesh.Proxy.Xds;

namespace CloudMesh.Proxy.DataPlane;

/// <summary>A read-only view of the data plane for the admin port: the accepted xDS state, listeners, clusters and counters.</summary>
/// <param name="State">The last accepted xDS state (for /config_dump).</param>
/// <param name="Listeners">Every socket-bound listener of the state, bound or warming.</param>
/// <param name="Clusters">Every cluster with its endpoints and counters (for /clusters and /stats).</param>
/// <param name="Routes">Counters per route configuration, virtual host and route (route empty: requests no route matched).</param>
/// <param name="LastRejection">The detail of the last rejected state, if any.</param>
public sealed record DataPlaneSnapshot(
    XdsState State,
    IReadOnlyList<ListenerStatus> Listeners,
    IReadOnlyList<ClusterStatus> Clusters,
    IReadOnlyList<RouteStats> Routes,
    string? LastRejection);

/// <summary>One listener.</summary>
/// <param name="Name">The LDS resource name.</param>
/// <param name="Address">The address in the resource.</param>
/// <param name="Port">The port in the resource.</param>
/// <param name="BoundEndpoint">Where it is actually bound (after the port map and bind address), or null while warming.</param>
/// <param name="Warming">True while its route configuration or clusters have not arrived.</param>
/// <param name="Tls">Its TLS counters, when a filter chain serves TLS.</param>
public sealed record ListenerStatus(string Name, string Address, int Port, string? BoundEndpoint, bool Warming, TlsStats? Tls = null);

/// <summary>Envoy's <c>ssl.*</c> counters of a listener or cluster.</summary>
/// <param name="Handshakes">Completed handshakes (ssl.handshake).</param>
/// <param name="ConnectionErrors">Failed handshakes other than a refused certificate (ssl.connection_error).</param>
/// <param name="FailVerifyNoCert">No certificate from a peer that must present one (ssl.fail_verify_no_cert).</param>
/// <param name="FailVerifyError">A certificate that does not chain to the trust bundle (ssl.fail_verify_error).</param>
/// <param name="FailVerifySan">A certificate without an accepted SAN (ssl.fail_verify_san).</param>
public sealed record TlsStats(long Handshakes, long ConnectionErrors, long FailVerifyNoCert, long FailVerifyError, long FailVerifySan);

/// <summary>One cluster.</summary>
/// <param name="Name">The CDS resource name.</param>
/// <param name="Type">Discovery type (STATIC, STRICT_DNS, LOGICAL_DNS, EDS, ORIGINAL_DST).</param>
/// <param name="Endpoints">Its current hosts.</param>
/// <param name="Stats">Its counters.</param>
public sealed record ClusterStatus(string Name, string Type, IReadOnlyList<EndpointStatus> Endpoints, ClusterStats Stats);

/// <summary>One host of a cluster.</summary>
/// <param name="Address">ip:port.</param>
/// <param name="Weight">Load-balancing weight.</param>
/// <param name="Healthy">False when active health checking failed it.</param>
/// <param name="Ejected">True while outlier detection has it ejected.</param>
public sealed record EndpointStatus(string Address, uint Weight, bool Healthy, bool Ejected);

/// <summary>A cluster's counters since the cluster's current definition was applied.</summary>
/// <param name="Requests">Requests routed to the cluster.</param>
/// <param name="Responses1xx">Responses by class.</param>
/// <param name="Responses2xx">Responses by class.</param>
/// <param name="Responses3xx">Responses by class.</param>
/// <param name="Responses4xx">Responses by class.</param>
/// <param name="Responses5xx">Responses by class (local replies such as 503 and 504 included).</param>
/// <param name="Retries">Retries sent.</param>
/// <param name="Timeouts">Requests answered 504 for a route or per-try timeout.</param>
/// <param name="ConnectFailures">Failed upstream connection attempts.</param>
/// <param name="Ejections">Outlier ejections.</param>
/// <param name="Overflow">Requests or retries refused by a circuit breaker.</param>
/// <param name="ActiveRequests">Requests in flight.</param>
/// <param name="ConnectionsActive">Open upstream connections.</param>
/// <param name="ConnectionsTotal">Upstream connections opened.</param>
/// <param name="TcpConnections">Downstream TCP proxy connections routed to the cluster.</param>
/// <param name="LatencyBucketBoundsMs">Upper bounds of the latency histogram's buckets in milliseconds (a last, unbounded bucket follows).</param>
/// <param name="LatencyBucketCounts">Requests per bucket (not cumulative), one more entry than the bounds.</param>
/// <param name="LatencyCount">Requests measured.</param>
/// <param name="LatencySumMs">Sum of their latencies in milliseconds.</param>
/// <param name="Tls">Upstream TLS counters, for a cluster with TLS.</param>
public sealed record ClusterStats(
    long Requests,
    long Responses1xx,
    long Responses2xx,
    long Responses3xx,
    long Responses4xx,
    long Responses5xx,
    long Retries,
    long Timeouts,
    long ConnectFailures,
    long Ejections,
    long Overflow,
    long ActiveRequests,
    long ConnectionsActive,
    long ConnectionsTotal,
    long TcpConnections,
    IReadOnlyList<double> LatencyBucketBoundsMs,
    IReadOnlyList<long> LatencyBucketCounts,
    long LatencyCount,
    double LatencySumMs,
    TlsStats? Tls = null);

/// <summary>Counters of one route (or of a virtual host's unmatched requests when <paramref name="Route"/> is empty).</summary>
/// <param name="RouteConfiguration">The route configuration's name.</param>
/// <param name="VirtualHost">The virtual host's name.</param>
/// <param name="Route">The route's name.</param>
/// <param name="Requests">Requests.</param>
/// <param name="Responses2xx">Responses by class.</param>
/// <param name="Responses3xx">Responses by class.</param>
/// <param name="Responses4xx">Responses by class.</param>
/// <param name="Responses5xx">Responses by class.</param>
/// <param name="Retries">Retries.</param>
/// <param name="Timeouts">Timeouts.</param>
public sealed record RouteStats(string RouteConfiguration, string VirtualHost, string Route, long Requests, long Responses2xx, long Responses3xx, long Responses4xx, long Responses5xx, long Retries, long Timeouts);
