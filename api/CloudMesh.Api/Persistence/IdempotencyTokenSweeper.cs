using Npgsql;

namespace CloudMesh.Api.Persistence;

/// <summary>
/// Forgets clientTokens older than <see cref="Retention"/> so the table does not grow without bound. A retry of a
/// request is expected within minutes; a token reused after a day starts a new request, as with AWS services.
/// Runs on every instance; the DELETE is idempotent, so concurrent sweeps are harmless.
/// </summary>
public sealed class IdempotencyTokenSweeper(NpgsqlDataSource dataSource, TimeProvider time, ILogger<IdempotencyTokenSweeper> logger) : BackgroundService
{
    /// <summary>How long a clientToken is remembered.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>Deletes tokens older than the retention; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM idempotency_tokens WHERE created_at < $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() - Retention });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var removed = await SweepAsync(stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Forgot {Count} client tokens older than {Retention}", removed, Retention);
                }
            }
            catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
            {
                logger.LogDebug(ex, "Client token sweep skipped: database unavailable");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
