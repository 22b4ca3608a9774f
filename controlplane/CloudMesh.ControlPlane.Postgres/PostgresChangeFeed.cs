using CloudMesh.ControlPlane.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudMesh.ControlPlane.Postgres;

/// <summary>
/// Turns committed writes into <see cref="MeshChange"/>s: LISTENs on <c>cloudmesh_changes</c> (fed by the API after
/// each resource write commits, and by the endpoint registry's triggers of migration 0002) on a dedicated connection. After every (re)connect, and every
/// <see cref="ControlPlaneStoreOptions.ResyncInterval"/>, it announces <see cref="MeshChange.Everything"/>,
/// because notifications sent while nobody listened are lost.
/// </summary>
public sealed class PostgresChangeFeed(
    NpgsqlDataSource dataSource,
    ControlPlaneStoreOptions options,
    IEnumerable<IConfigCacheInvalidator> invalidators,
    IEnumerable<IMeshChangeListener> listeners,
    ILogger<PostgresChangeFeed> logger) : BackgroundService
{
    /// <summary>The NOTIFY channel the triggers publish on.</summary>
    public const string Channel = "cloudmesh_changes";

    private readonly IConfigCacheInvalidator[] _invalidators = invalidators.ToArray();
    private readonly IMeshChangeListener[] _listeners = listeners.ToArray();
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private TimeSpan _retryDelay = FirstRetryDelay;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place (tests and startup wait on it).</summary>
    public Task Listening => _listening.Task;

    /// <summary>Parses a notification payload (<c>account/mesh</c>); null when it is not one of ours.</summary>
    public static MeshChange? Parse(string payload)
    {
        var slash = payload.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 || slash == payload.Length - 1 ? null : new MeshChange(payload[..slash], payload[(slash + 1)..]);
    }

    /// <summary>Delivers one change: caches first, then listeners. Public so an in-process writer can short-cut.</summary>
    public void Publish(MeshChange change)
    {
        foreach (var invalidator in _invalidators)
        {
            invalidator.Invalidate(change);
        }

        foreach (var listener in _listeners)
        {
            try
            {
                listener.OnMeshChanged(change);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Change listener {Listener} failed on {Change}", listener.GetType().Name, change);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Change feed connection lost ({Message}); reconnecting in {Delay}", ex.Message, _retryDelay);
                await Task.Delay(_retryDelay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                _retryDelay = TimeSpan.FromTicks(Math.Min(_retryDelay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, e) =>
        {
            if (Parse(e.Payload) is { } change)
            {
                Publish(change);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // Whatever changed while we were not listening is unknown: everything is suspect.
        Publish(MeshChange.Everything);
        _listening.TrySetResult();
        _retryDelay = FirstRetryDelay;
        var nextResync = DateTime.UtcNow + options.ResyncInterval;
        while (true)
        {
            var untilResync = nextResync - DateTime.UtcNow;
            if (untilResync <= TimeSpan.Zero)
            {
                // A silently dead socket never fails a wait: a round trip proves the LISTEN is still alive.
                await using (var ping = new NpgsqlCommand("SELECT 1", connection))
                {
                    await ping.ExecuteScalarAsync(stoppingToken);
                }

                Publish(MeshChange.Everything);
                nextResync = DateTime.UtcNow + options.ResyncInterval;
                continue;
            }

            // WaitAsync returns false on timeout; a dead connection throws, which reconnects.
            await connection.WaitAsync(untilResync, stoppingToken);
        }
    }
}
