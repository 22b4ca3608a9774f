using CloudMesh.ControlPlane.Hosting;
using CloudMesh.ControlPlane.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudMesh.ControlPlane.Server;

/// <summary>
/// Registers the instances of connected proxies again every <see cref="ControlPlaneOptions.EndpointRenewInterval"/>:
/// one timer for the replica rather than one per stream, so a registry that expires unrenewed entries drops the
/// instances of a replica that died without deregistering them.
/// </summary>
internal sealed partial class EndpointRenewalService(
    ConnectedProxyRegistry registry,
    ControlPlaneOptions options,
    TimeProvider timeProvider,
    ILogger<EndpointRenewalService> logger,
    IEndpointRegistrar? registrar = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (registrar is null || options.EndpointRenewInterval <= TimeSpan.Zero || options.EndpointRenewInterval == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.EndpointRenewInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RenewAllAsync(registrar, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    private async Task RenewAllAsync(IEndpointRegistrar endpointRegistrar, CancellationToken cancellationToken)
    {
        foreach (ConnectedProxy proxy in registry.All())
        {
            if (proxy.Instance is not { } instance)
            {
                continue;
            }

            try
            {
                await endpointRegistrar.RegisterAsync(proxy.Identity, instance.InstanceId, instance.Address, instance.Port, cancellationToken)
                    .ConfigureAwait(false);
                if (!registry.Contains(proxy))
                {
                    // The stream ended (and deregistered) while we renewed: undo the renewal.
                    await endpointRegistrar.DeregisterAsync(proxy.Identity, instance.InstanceId, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRenewFailed(instance.InstanceId, proxy.NodeId, ex);
            }
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Renewing instance {InstanceId} of {NodeId} failed")]
    private partial void LogRenewFailed(string instanceId, string nodeId, Exception exception);
}
