using CloudMesh.Grpc.Server;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the gRPC server (as Grpc.AspNetCore's <c>AddGrpc</c>).</summary>
public static class GrpcServicesExtensions
{
    /// <summary>Adds the gRPC server's services.</summary>
    public static IGrpcServerBuilder AddGrpc(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting(options => options.SetParameterPolicy<GrpcUnimplementedConstraint>(GrpcUnimplementedConstraint.Name));
        services.AddOptions();
        services.TryAddSingleton<GrpcServiceRegistry>();
        return new GrpcServerBuilder(services);
    }

    /// <summary>Adds the gRPC server's services and configures its options.</summary>
    public static IGrpcServerBuilder AddGrpc(this IServiceCollection services, Action<GrpcServiceOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureOptions);
        return services.Configure(configureOptions).AddGrpc();
    }

    /// <summary>Gives <typeparamref name="TService"/> options of its own, starting from the global ones.</summary>
    public static IGrpcServerBuilder AddServiceOptions<TService>(this IGrpcServerBuilder grpcBuilder, Action<GrpcServiceOptions<TService>> configure)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(grpcBuilder);
        ArgumentNullException.ThrowIfNull(configure);
        grpcBuilder.Services.TryAddSingleton<ServiceOptionsMarker<TService>>();
        grpcBuilder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<GrpcServiceOptions<TService>>, GrpcServiceOptionsSetup<TService>>());
        grpcBuilder.Services.Configure(configure);
        return grpcBuilder;
    }

    private sealed class GrpcServerBuilder(IServiceCollection services) : IGrpcServerBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
