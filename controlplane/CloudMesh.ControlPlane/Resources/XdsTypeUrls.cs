namespace CloudMesh.ControlPlane.Resources;

/// <summary>The xDS v3 resource type URLs the ADS server serves, and the order pushes follow.</summary>
public static class XdsTypeUrls
{
    /// <summary>LDS: <c>envoy.config.listener.v3.Listener</c>.</summary>
    public const string Listener = "type.googleapis.com/envoy.config.listener.v3.Listener";

    /// <summary>RDS: <c>envoy.config.route.v3.RouteConfiguration</c>.</summary>
    public const string RouteConfiguration = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";

    /// <summary>CDS: <c>envoy.config.cluster.v3.Cluster</c>.</summary>
    public const string Cluster = "type.googleapis.com/envoy.config.cluster.v3.Cluster";

    /// <summary>EDS: <c>envoy.config.endpoint.v3.ClusterLoadAssignment</c>.</summary>
    public const string ClusterLoadAssignment = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";

    /// <summary>
    /// Make-before-break order (xDS protocol, "eventual consistency considerations"): clusters first, then their
    /// endpoints, then the listeners that use them, then the routes those listeners load.
    /// </summary>
    public static IReadOnlyList<string> PushOrder { get; } = [Cluster, ClusterLoadAssignment, Listener, RouteConfiguration];

    /// <summary>
    /// True for the types whose SotW responses are complete sets and that support the legacy wildcard
    /// (an empty first request means "everything for me").
    /// </summary>
    public static bool IsWildcardRootType(string typeUrl) => typeUrl is Listener or Cluster;

    /// <summary>The short name operators know (LDS, RDS, CDS, EDS), or the type URL itself for other types.</summary>
    public static string ShortName(string typeUrl) => typeUrl switch
    {
        Listener => "LDS",
        RouteConfiguration => "RDS",
        Cluster => "CDS",
        ClusterLoadAssignment => "EDS",
        _ => typeUrl,
    };
}
