using CloudMesh.ControlPlane.Diagnostics;
using CloudMesh.ControlPlane.Identity;
using CloudMesh.ControlPlane.Server;
using CloudMesh.ControlPlane.Snapshots;
using CloudMesh.ControlPlane.Sources;
using CloudMesh.SigV4;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the control plane's ADS server.</summary>
public static class ControlPlaneServiceCollectionExtensions
{
    /// <summary>
    /// Adds the ADS server, its snapshot cache (also registered as an <see cref="IMeshChangeListener"/>), the
    /// periodic resync, operator diagnostics and gRPC. The host must register an <see cref="IProxyConfigSource"/>;
    /// optional: <see cref="IXdsTokenValidator"/> (tokens), <see cref="ISigV4CredentialStore"/> (SigV4),
    /// <see cref="IEndpointRegistrar"/> (instances announced in node metadata). Without the first two no stream
    /// can authenticate.
    /// </summary>
    public static IServiceCollection AddCloudMeshControlPlane(
        this IServiceCollection services, Action<CloudMesh.ControlPlane.Hosting.ControlPlaneOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new CloudMesh.ControlPlane.Hosting.ControlPlaneOptions();
        configure?.Invoke(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ReplicaId, nameof(options.ReplicaId));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Region, nameof(options.Region));

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var metrics = new ControlPlaneMetrics();
            if (sp.GetService<IProxyConfigSource>() is CompilingProxyConfigSource compiling)
            {
                compiling.MeshPrepared += metrics.ObserveMeshCompile;
                compiling.ConfigWithheld += (_, _) => metrics.CountWithheldConfig();
            }

            return metrics;
        });
        services.AddSingleton<ConnectedProxyRegistry>();
        services.AddSingleton(sp => new SnapshotCache(
            sp.GetRequiredService<IProxyConfigSource>(),
            sp.GetRequiredService<ControlPlaneMetrics>(),
            options,
            sp.GetRequiredService<ILogger<SnapshotCache>>()));
        services.AddSingleton<IMeshChangeListener>(sp => sp.GetRequiredService<SnapshotCache>());
        services.AddSingleton(sp => new XdsStreamAuthenticator(
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IXdsTokenValidator>(),
            sp.GetService<ISigV4CredentialStore>()));
        services.AddSingleton(sp => new XdsStreamRunner(
            sp.GetRequiredService<SnapshotCache>(),
            sp.GetRequiredService<XdsStreamAuthenticator>(),
            sp.GetRequiredService<ConnectedProxyRegistry>(),
            sp.GetRequiredService<ControlPlaneMetrics>(),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<XdsStreamRunner>>(),
            sp.GetService<IEndpointRegistrar>(),
            sp.GetService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>()?.ApplicationStopping ?? default));
        services.AddSingleton<AggregatedDiscoveryServer>();
        services.AddHostedService(sp => new ResyncService(
            sp.GetRequiredService<SnapshotCache>(),
            sp.GetServices<IConfigCacheInvalidator>(),
            options,
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService(sp => new EndpointRenewalService(
            sp.GetRequiredService<ConnectedProxyRegistry>(),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EndpointRenewalService>>(),
            sp.GetService<IEndpointRegistrar>()));
        services.AddGrpc();
        return services;
    }
}
