using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudMesh.ControlPlane.Postgres;

/// <summary>
/// Deletes any replica's expired proxy registrations (a crashed replica cannot), so its proxies' instances leave EDS
/// within one lease and every replica is notified. Live registrations are renewed by the ADS server re-registering
/// each open stream's instance (<c>ControlPlaneOptions.EndpointRenewInterval</c>, a third of the lease).
/// </summary>
public sealed class EndpointLeaseKeeper(EndpointRegistry registry, ControlPlaneStoreOptions options, ILogger<EndpointLeaseKeeper> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.LeaseDuration / 3);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var swept = await registry.SweepExpiredAsync(stoppingToken);
                if (swept > 0)
                {
                    logger.LogInformation("Removed {Count} expired proxy registrations", swept);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly away; the next tick tries again.
                logger.LogWarning("Sweeping expired endpoint leases failed: {Message}", ex.Message);
            }
        }
    }
}
