namespace CloudMesh.Proxy.Xds.Protocol;

/// <summary>The four resource types the client subscribes to, and the order it asks for them in (Envoy's ADS order).</summary>
internal static class XdsTypeUrls
{
    public const string Listener = "type.googleapis.com/envoy.config.listener.v3.Listener";
    public const string RouteConfiguration = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";
    public const string Cluster = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
    public const string ClusterLoadAssignment = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";

    /// <summary>Wildcard types first (CDS, LDS), then the types whose names follow from them (EDS, RDS).</summary>
    public static readonly IReadOnlyList<string> SubscriptionOrder = [Cluster, Listener, ClusterLoadAssignment, RouteConfiguration];

    /// <summary>True for LDS and CDS, which the client subscribes to as a wildcard.</summary>
    public static bool IsWildcard(string typeUrl) => typeUrl is Listener or Cluster;

    public static bool IsKnown(string typeUrl) => typeUrl is Listener or RouteConfiguration or Cluster or ClusterLoadAssignment;

    /// <summary>LDS, RDS, CDS, EDS: for logs and status.</summary>
    public static string ShortName(string typeUrl) => typeUrl switch
    {
        Listener => "LDS",
        RouteConfiguration => "RDS",
        Cluster => "CDS",
        ClusterLoadAssignment => "EDS",
        "" => "restored",
        _ => typeUrl,
    };
}
