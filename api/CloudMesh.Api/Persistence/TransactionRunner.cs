using Microsoft.EntityFrameworkCore;

namespace CloudMesh.Api.Persistence;

/// <summary>
/// Runs a unit of work in one database transaction, retrying it from scratch on serialization failures and
/// deadlocks, and turning "database unreachable" into ServiceUnavailableException. Either everything a write did is
/// committed, or nothing is.
/// </summary>
public sealed class TransactionRunner(CloudMeshDbContext db)
{
    private const int MaxAttempts = 8;

    /// <summary>Runs <paramref name="work"/> in a transaction and commits it.</summary>
    /// <param name="work">The unit of work; it may be run more than once, each time on a clean change tracker.</param>
    /// <param name="retryOn">An extra condition under which to retry (e.g. a racing insert of the same clientToken).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, Func<Exception, bool>? retryOn, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var result = await work();
                await tx.CommitAsync(ct);
                return result;
            }
            catch (Exception ex) when (attempt < MaxAttempts && (DatabaseFailures.IsRetryableConflict(ex) || retryOn?.Invoke(ex) == true))
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct);
            }
            catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
            {
                throw DatabaseFailures.Unavailable();
            }
        }
    }
}
