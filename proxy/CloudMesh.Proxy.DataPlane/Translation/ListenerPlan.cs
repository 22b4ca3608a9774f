namespace CloudMesh.Proxy.DataPlane.Translation;

/// <summary>A file access log as the compiler emits it: a path and a text or JSON format (Envoy's default text format when neither).</summary>
/// <param name="Path">The file to append to.</param>
/// <param name="TextFormat">An Envoy format string, or null.</param>
/// <param name="JsonFormat">JSON keys to Envoy format strings, or null.</param>
internal sealed record AccessLogPlan(string Path, string? TextFormat, IReadOnlyList<KeyValuePair<string, string>>? JsonFormat);

/// <summary>An HTTP connection manager: its compiled routes and connection settings.</summary>
internal sealed record HttpChainPlan(
    string StatPrefix,
    RouteTable Routes,
    TimeSpan? IdleTimeout,
    bool StripAnyHostPort,
    IReadOnlyList<AccessLogPlan> AccessLogs);

/// <summary>A TCP proxy: where the bytes go and how long an idle connection lives.</summary>
internal sealed record TcpChainPlan(string StatPrefix, TargetSet Targets, TimeSpan? IdleTimeout, IReadOnlyList<AccessLogPlan> AccessLogs);

/// <summary>
/// A filter chain and its match: destination port (null = any), transport protocol (null = any; <c>tls</c> or
/// <c>raw_buffer</c> as the first byte tells) and application protocols (empty = any; the data plane recognises
/// <c>http/1.1</c> and <c>h2c</c> by sniffing the first bytes), and its TLS (null = cleartext).
/// </summary>
internal sealed record FilterChainPlan(
    string Name,
    int? DestinationPort,
    IReadOnlySet<string> ApplicationProtocols,
    HttpChainPlan? Http,
    TcpChainPlan? Tcp,
    string? TransportProtocol = null,
    DownstreamTlsPlan? Tls = null);

/// <summary>A listener bound to a socket: its xDS address and port, chains in order, and the default chain.</summary>
internal sealed record ListenerPlan(string Name, string Address, int Port, IReadOnlyList<FilterChainPlan> Chains, FilterChainPlan? DefaultChain)
{
    /// <summary>True when some chain needs the first bytes to tell HTTP from anything else.</summary>
    public bool NeedsSniffing => Chains.Any(c => c.ApplicationProtocols.Count > 0);
}

/// <summary>
/// What the data plane runs: the listeners that are ready (their routes and clusters arrived), every cluster, and the
/// listeners still warming. Built by <see cref="PlanTranslator"/> from an xDS state; immutable.
/// </summary>
internal sealed record DataPlanePlan(
    IReadOnlyDictionary<string, ListenerPlan> Listeners,
    IReadOnlyDictionary<string, ClusterPlan> Clusters,
    IReadOnlyList<string> WarmingListeners)
{
    public static DataPlanePlan Empty { get; } = new(
        new Dictionary<string, ListenerPlan>(),
        new Dictionary<string, ClusterPlan>(),
        []);
}
