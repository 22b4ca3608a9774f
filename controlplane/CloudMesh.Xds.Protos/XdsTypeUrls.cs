namespace CloudMesh.Xds;

/// <summary>The xDS v3 resource type URLs CloudMesh serves and consumes (one list for the control plane and the proxy).</summary>
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

    /// <summary>True for the four types above.</summary>
    public static bool IsKnown(string typeUrl) => typeUrl is Listener or RouteConfiguration or Cluster or ClusterLoadAssignment;

    /// <summary>
    /// True for the types whose SotW responses are complete sets and that are subscribed to as a wildcard (LDS, CDS);
    /// EDS and RDS resources are named by what those hold.
    /// </summary>
    public static bool IsWildcardRootType(string typeUrl) => typeUrl is Listener or Cluster;

    /// <summary>
    /// The short name operators know (LDS, RDS, CDS, EDS); "restored" for the empty type URL (the proxy's state read
    /// back from its file), the type URL itself for other types.
    /// </summary>
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
