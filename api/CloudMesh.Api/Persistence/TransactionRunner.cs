using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudMesh.Api.Persistence;

/// <summary>
/// Runs a unit of work in one database transaction, retrying it from scratch on serialization failures and
/// deadlocks, and turning "database unreachable" into ServiceUnavailableException. Either everything a write did is
/// committed, or nothing is. Two kinds of unit: one on the EF context (tags), and one on a
/// <see cref="PipelinedTransaction"/> (resource writes, in two round trips).
/// </summary>
public sealed class TransactionRunner(CloudMeshDbContext db, NpgsqlDataSource dataSource)
{
    private const int MaxAttempts = 8;

    /// <summary>Runs <paramref name="work"/> in an EF transaction and commits it.</summary>
    /// <param name="work">The unit of work; it may be run more than once, each time on a clean change tracker.</param>
    /// <param name="retryOn">An extra condition under which to retry.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<T> RunAsync<T>(Func<Task<T>> work, Func<Exception, bool>? retryOn, CancellationToken ct) =>
        WithRetriesAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await work();
            await tx.CommitAsync(ct);
            return result;
        }, retryOn, ct);

    /// <summary>
    /// Runs <paramref name="work"/> on a new <see cref="PipelinedTransaction"/>, which it commits itself; a transaction
    /// it leaves uncommitted (it threw, or answered without writing) is rolled back.
    /// </summary>
    /// <param name="work">The unit of work; it may be run more than once, each time on a new transaction.</param>
    /// <param name="retryOn">An extra condition under which to retry.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<T> RunPipelinedAsync<T>(Func<PipelinedTransaction, Task<T>> work, Func<Exception, bool>? retryOn, CancellationToken ct) =>
        WithRetriesAsync(async () =>
        {
            await using var tx = await PipelinedTransaction.StartAsync(dataSource, ct);
            return await work(tx);
        }, retryOn, ct);

    private static async Task<T> WithRetriesAsync<T>(Func<Task<T>> attempt, Func<Exception, bool>? retryOn, CancellationToken ct)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception ex) when (number < MaxAttempts && (DatabaseFailures.IsRetryableConflict(ex) || retryOn?.Invoke(ex) == true))
            {
                await Task.Delay(Random.Shared.Next(1, 5 * number), ct);
            }
            catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
            {
                throw DatabaseFailures.Unavailable();
            }
        }
    }
}
