using CloudMesh.Grpc.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudMesh.Grpc.Server;

/// <summary>
/// Lets the catch-all UNIMPLEMENTED route match gRPC requests only, so it never shadows the application's own
/// two-segment routes.
/// </summary>
internal sealed class GrpcUnimplementedConstraint : IRouteConstraint
{
    public const string Name = "grpcunimplemented";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        httpContext is not null && GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType);
}
