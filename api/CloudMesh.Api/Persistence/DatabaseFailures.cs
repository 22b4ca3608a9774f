using CloudMesh.Api.Core.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudMesh.Api.Persistence;

/// <summary>Classifies database exceptions: what means "unavailable, retry later", what means "retry the transaction".</summary>
public static class DatabaseFailures
{
    /// <summary>True when the database could not be reached or is shutting down (answer 503, retryable).</summary>
    public static bool IsUnavailable(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    // 08: connection exceptions; 57P01-57P03: admin/crash shutdown, cannot connect now; 53300: too many connections.
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException:
                    return true;
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>True for serialization failures and deadlocks, after which the whole transaction may be retried.</summary>
    public static bool IsRetryableConflict(Exception ex) =>
        Find<PostgresException>(ex) is { SqlState: "40001" or "40P01" } || ex is DbUpdateConcurrencyException;

    /// <summary>True for a unique-constraint violation.</summary>
    public static bool IsUniqueViolation(Exception ex) => Find<PostgresException>(ex) is { SqlState: "23505" };

    /// <summary>The App Mesh error for an unavailable database.</summary>
    public static AppMeshException Unavailable() => new(AppMeshErrorCode.ServiceUnavailable,
        "The service's database is unavailable; the request was not applied. Retry later.");

    private static T? Find<T>(Exception ex) where T : Exception
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is T t)
            {
                return t;
            }
        }

        return null;
    }
}
