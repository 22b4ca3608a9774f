using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CloudMesh.Grpc.Server;

/// <summary>
/// Answers gRPC requests for methods nobody mapped with UNIMPLEMENTED, telling an unknown service from an
/// unknown method of a known one. Mapped once per route builder behind <see cref="GrpcUnimplementedConstraint"/>.
/// </summary>
internal static class UnimplementedCallHandler
{
    public const string Pattern = "{unimplementedService}/{unimplementedMethod:" + GrpcUnimplementedConstraint.Name + "}";

    public static RequestDelegate Create(GrpcServiceRegistry registry) => httpContext =>
    {
        if (GrpcRequestValidation.TryValidate(httpContext))
        {
            var service = httpContext.GetRouteValue("unimplementedService") as string;
            var detail = service is not null && registry.IsKnownService(service) ? "Method is unimplemented." : "Service is unimplemented.";
            GrpcRequestValidation.WriteTrailersOnly(httpContext, new Status(StatusCode.Unimplemented, detail));
        }

        return Task.CompletedTask;
    };
}
