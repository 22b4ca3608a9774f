using CloudMesh.ControlPlane.Hosting;
using CloudMesh.ControlPlane.Sources;
using Microsoft.Extensions.Hosting;

namespace CloudMesh.ControlPlane.Snapshots;

/// <summary>
/// The safety net for lost change notifications: every <see cref="ControlPlaneOptions.ResyncInterval"/>, forget
/// every cached mesh (as a change feed would, invalidators first) and recompute every connected identity. Pushes
/// still happen only where content changed, so a quiet resync costs loads and compiles, not traffic.
/// </summary>
internal sealed class ResyncService(
    SnapshotCache cache,
    IEnumerable<IConfigCacheInvalidator> invalidators,
    ControlPlaneOptions options,
    TimeProvider timeProvider) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ResyncInterval <= TimeSpan.Zero || options.ResyncInterval == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.ResyncInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (IConfigCacheInvalidator invalidator in invalidators)
                {
                    invalidator.Invalidate(MeshChange.Everything);
                }

                cache.OnMeshChanged(MeshChange.Everything);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }
}
