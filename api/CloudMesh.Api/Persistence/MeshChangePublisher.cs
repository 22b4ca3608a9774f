using System.Threading.Channels;
using CloudMesh.ControlPlane.Postgres;
using Npgsql;

namespace CloudMesh.Api.Persistence;

/// <summary>
/// Tells every control-plane replica which meshes a committed API write changed: NOTIFY on
/// <see cref="PostgresChangeFeed.Channel"/> with <c>account/mesh</c>, sent after the write's transaction has committed,
/// from this background loop, with every change that arrived while the previous NOTIFY was in flight sent together
/// (and repeated keys once).
/// </summary>
/// <remarks>
/// Why not a trigger in the writing transaction (migration 0002 did that until 0003): PostgreSQL serializes the commits
/// of every transaction that NOTIFYs on one global lock held through the commit's WAL flush, so all writes of all
/// tenants queued behind each other; measured with pgbench on this project's machines, the same write ran at 6.8k
/// transactions/s with the trigger and 11.6–13.3k without it. A NOTIFY sent on its own writes no WAL, so holding that
/// lock costs microseconds. The price: a change committed just before this process dies may not be announced; the
/// replicas' periodic resync (<see cref="ControlPlaneStoreOptions.ResyncInterval"/>) is the net for that, as it is for
/// notifications sent while a replica was not listening. Registry rows (endpoint_instances) keep their triggers:
/// proxies and the registry API write them rarely.
/// Thread-safe: <see cref="Publish"/> may be called from any request.
/// </remarks>
public sealed class MeshChangePublisher(NpgsqlDataSource dataSource, ILogger<MeshChangePublisher> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Announces that <paramref name="meshName"/> of <paramref name="accountId"/> changed (call after commit).</summary>
    public void Publish(string accountId, string meshName) => _pending.Writer.TryWrite(accountId + "/" + meshName);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new HashSet<string>(StringComparer.Ordinal);
        var retryDelay = FirstRetryDelay;
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                Drain(batch);
                while (!await TrySendAsync(batch, stoppingToken))
                {
                    await Task.Delay(retryDelay, stoppingToken);
                    retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
                    Drain(batch); // what arrived meanwhile goes with the retry
                }

                retryDelay = FirstRetryDelay;
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // What was committed before the stop is still announced (one attempt: the database may be gone too).
        var rest = new HashSet<string>(StringComparer.Ordinal);
        Drain(rest);
        if (rest.Count > 0)
        {
            await TrySendAsync(rest, cancellationToken);
        }
    }

    private void Drain(HashSet<string> batch)
    {
        while (_pending.Reader.TryRead(out var key))
        {
            batch.Add(key);
        }
    }

    private async Task<bool> TrySendAsync(HashSet<string> batch, CancellationToken ct)
    {
        try
        {
            // One statement and one (WAL-free) transaction for the whole batch.
            await using var command = dataSource.CreateCommand($"SELECT pg_notify('{PostgresChangeFeed.Channel}', key) FROM unnest($1::text[]) AS key");
            command.Parameters.Add(new NpgsqlParameter { Value = batch.ToArray() });
            await command.ExecuteNonQueryAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Could not announce {Count} mesh change(s) to the control plane ({Message}); retrying", batch.Count, ex.Message);
            return false;
        }
    }
}
