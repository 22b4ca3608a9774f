using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudMesh.ControlPlane.Postgres;

/// <summary>
/// Keeps this replica's proxy registrations alive (renewing three times per lease) and deletes any
/// replica's expired ones, so the instances of a crashed replica's proxies leave EDS within one lease.
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
                await registry.RenewLeasesAsync(stoppingToken);
                var swept = await registry.SweepExpiredAsync(stoppingToken);
                if (swept > 0)
                {
                    logger.LogInformation("Removed {Count} expired proxy registrations", swept);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly away; the next tick tries again.
                logger.LogWarning("Endpoint lease upkeep failed: {Message}", ex.Message);
            }
        }
    }
}
