using CloudMesh.Xds;

namespace CloudMesh.Proxy.Xds.Protocol;

/// <summary>The order the client asks for the four types in (Envoy's ADS order).</summary>
internal static class SubscriptionOrder
{
    /// <summary>Wildcard types first (CDS, LDS), then the types whose names follow from them (EDS, RDS).</summary>
    public static readonly IReadOnlyList<string> Types =
        [XdsTypeUrls.Cluster, XdsTypeUrls.Listener, XdsTypeUrls.ClusterLoadAssignment, XdsTypeUrls.RouteConfiguration];
}
