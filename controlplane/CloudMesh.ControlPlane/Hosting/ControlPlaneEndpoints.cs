using Microsoft.AspNetCore.Builder;

namespace CloudMesh.ControlPlane.Hosting;

/// <summary>
/// What <c>MapCloudMeshControlPlane</c> mapped, so the host can add conventions, e.g.
/// <c>.Debug.RequireAuthorization("admin")</c>.
/// </summary>
/// <param name="Ads">The gRPC AggregatedDiscoveryService.</param>
/// <param name="Debug">The <c>/debug</c> group (<c>/debug/proxies</c>, <c>/debug/config_dump</c>).</param>
/// <param name="Metrics">The <c>/metrics</c> endpoint.</param>
public sealed record ControlPlaneEndpoints(
    IEndpointConventionBuilder Ads,
    IEndpointConventionBuilder Debug,
    IEndpointConventionBuilder Metrics);
