namespace CloudMesh.Bench.ControlPlane.Propagation;

/// <summary>The xDS v3 type URLs a simulated Envoy subscribes to.</summary>
internal static class XdsTypes
{
    /// <summary>Clusters (wildcard).</summary>
    public const string Cluster = "type.googleapis.com/envoy.config.cluster.v3.Cluster";

    /// <summary>Listeners (wildcard).</summary>
    public const string Listener = "type.googleapis.com/envoy.config.listener.v3.Listener";

    /// <summary>Route configurations (named, from the listeners' HTTP connection managers).</summary>
    public const string Route = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";

    /// <summary>Endpoints (named, from the EDS clusters).</summary>
    public const string Endpoint = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";
}
