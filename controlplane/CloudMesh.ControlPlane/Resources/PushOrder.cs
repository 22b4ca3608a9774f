using CloudMesh.Xds;

namespace CloudMesh.ControlPlane.Resources;

/// <summary>The order the ADS server pushes the four types in.</summary>
public static class PushOrder
{
    /// <summary>
    /// Make-before-break (xDS protocol, "eventual consistency considerations"): clusters first, then their endpoints,
    /// then the listeners that use them, then the routes those listeners load.
    /// </summary>
    public static IReadOnlyList<string> Types { get; } =
        [XdsTypeUrls.Cluster, XdsTypeUrls.ClusterLoadAssignment, XdsTypeUrls.Listener, XdsTypeUrls.RouteConfiguration];
}
