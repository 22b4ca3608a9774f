using CloudMesh.Grpc.Server;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps gRPC services onto endpoint routing (as Grpc.AspNetCore's <c>MapGrpcService</c>).</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    private static readonly string[] Post = ["POST"];

    /// <summary>
    /// Maps every method of <typeparamref name="TService"/> (a class deriving from a Grpc.Tools-generated service
    /// base) to <c>POST /{service}/{method}</c>. The service is resolved from DI per call if registered, else
    /// created per call. Requests for methods nobody mapped get UNIMPLEMENTED.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder builder)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.ServiceProvider;
        var registry = services.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Unable to find the required services. Add them by calling 'services.AddGrpc()' in the application's startup code.");

        var options = services.GetService<ServiceOptionsMarker<TService>>() is null
            ? services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value
            : services.GetRequiredService<IOptions<GrpcServiceOptions<TService>>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Grpc.AspNetCore.Server.ServerCallHandler");
        var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;

        var binder = new EndpointServiceBinder<TService>(options, logger, timeProvider);
        BindMethodFinder.Find(typeof(TService)).Invoke(null, [binder, null]);

        var conventionBuilders = new List<IEndpointConventionBuilder>(binder.Endpoints.Count);
        foreach (var endpoint in binder.Endpoints)
        {
            registry.AddService(endpoint.Method.ServiceName);
            conventionBuilders.Add(builder.MapMethods(endpoint.Method.FullName, Post, endpoint.RequestDelegate)
                .WithDisplayName($"gRPC - {endpoint.Method.FullName}")
                .WithMetadata([.. endpoint.Metadata]));
        }

        if (registry.TryClaimFallback(builder))
        {
            builder.MapMethods(UnimplementedCallHandler.Pattern, Post, UnimplementedCallHandler.Create(registry))
                .WithDisplayName("gRPC - Unimplemented");
        }

        return new GrpcServiceEndpointConventionBuilder(conventionBuilders);
    }
}
