using CloudMesh.ControlPlane.Diagnostics;
using CloudMesh.ControlPlane.Hosting;
using CloudMesh.ControlPlane.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the control plane's endpoints.</summary>
public static class ControlPlaneEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the ADS gRPC service and the operator endpoints <c>/debug/proxies</c>, <c>/debug/config_dump</c> and
    /// <c>/metrics</c>. The operator endpoints honour <see cref="ControlPlaneOptions.AuthorizeOperator"/>; further
    /// protection (an authorization policy) can be added to what is returned.
    /// </summary>
    public static ControlPlaneEndpoints MapCloudMeshControlPlane(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        IEndpointConventionBuilder ads = endpoints.MapGrpcService<AggregatedDiscoveryServer>();

        RouteGroupBuilder debug = endpoints.MapGroup("/debug");
        debug.MapGet("/proxies", Guarded(http => OperatorEndpoints.Proxies(
            http, http.RequestServices.GetRequiredService<ConnectedProxyRegistry>(), Options(http))));
        debug.MapGet("/config_dump", Guarded(http => OperatorEndpoints.ConfigDump(
            http, http.RequestServices.GetRequiredService<ConnectedProxyRegistry>())));
        IEndpointConventionBuilder metrics = endpoints.MapGet("/metrics", Guarded(http => OperatorEndpoints.Metrics(
            http,
            http.RequestServices.GetRequiredService<ControlPlaneMetrics>(),
            http.RequestServices.GetRequiredService<ConnectedProxyRegistry>())));
        return new ControlPlaneEndpoints(ads, debug, metrics);
    }

    private static ControlPlaneOptions Options(HttpContext http) => http.RequestServices.GetRequiredService<ControlPlaneOptions>();

    private static RequestDelegate Guarded(RequestDelegate handler) => http =>
    {
        if (Options(http).AuthorizeOperator is { } authorize && !authorize(http))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        return handler(http);
    };
}
