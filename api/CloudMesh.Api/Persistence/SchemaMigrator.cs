using System.Reflection;
using Npgsql;

namespace CloudMesh.Api.Persistence;

/// <summary>
/// Applies the embedded, numbered SQL migrations (<c>Migrations/NNNN_name.sql</c>) in order, each in its own
/// transaction, recording them in <c>schema_migrations</c>. A session-level advisory lock makes concurrent starts of
/// several instances safe: one applies, the others wait and then find nothing left to do.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>An arbitrary constant naming CloudMesh's migration lock.</summary>
    internal const long MigrationLockId = 0x436C6F75644D6573; // "CloudMes"

    /// <summary>Applies every migration not yet applied; returns the names it applied.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await Execute(connection, $"SELECT pg_advisory_lock({MigrationLockId})", ct);
        try
        {
            await Execute(connection,
                "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", ct);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var cmd = new NpgsqlCommand("SELECT name FROM schema_migrations", connection))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var done = new List<string>();
            foreach (var (name, sql) in Load())
            {
                if (applied.Contains(name))
                {
                    continue;
                }

                await using var tx = await connection.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(sql, connection, tx))
                {
                    await cmd.ExecuteNonQueryAsync(ct);
                }

                await using (var cmd = new NpgsqlCommand("INSERT INTO schema_migrations (name) VALUES (@n)", connection, tx))
                {
                    cmd.Parameters.AddWithValue("n", name);
                    await cmd.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
                done.Add(name);
            }

            return done;
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({MigrationLockId})", CancellationToken.None);
        }
    }

    /// <summary>The embedded migrations, ordered by name.</summary>
    internal static IEnumerable<(string Name, string Sql)> Load()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith("migrations/", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (Path.GetFileNameWithoutExtension(resource["migrations/".Length..]), reader.ReadToEnd());
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
