using System.Globalization;
using CloudMesh.EmbeddedPostgres;
using Npgsql;

namespace CloudMesh.TestSupport;

/// <summary>
/// One PostgreSQL server shared by every test in the process: the server named by <c>CLOUDMESH_TEST_PG</c>
/// (an admin connection string, as <c>./test.sh</c> exports), or else a throwaway cluster started on first use
/// and removed at process exit. Tests isolate themselves by creating their own database.
/// </summary>
public static class TestPostgres
{
    /// <summary>The environment variable holding an admin connection string to use instead of starting a server.</summary>
    public const string ConnectionStringVariable = "CLOUDMESH_TEST_PG";

    private static readonly Lazy<Task<string>> AdminConnectionString = new(StartOrUseExistingAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>An admin (superuser) connection string to the shared server, starting it on first use.</summary>
    public static Task<string> GetAdminConnectionStringAsync() => AdminConnectionString.Value;

    /// <summary>Creates a new, uniquely named database and returns its connection string.</summary>
    /// <param name="prefix">Starts the database name, to tell test databases apart when debugging.</param>
    public static async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        var admin = await GetAdminConnectionStringAsync();
        var name = UniqueName(prefix);
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database a connection string points at, disconnecting its sessions first.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(await GetAdminConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    // Lower case letters, digits and underscores only, within PostgreSQL's 63-byte identifier limit.
    private static string UniqueName(string? prefix)
    {
        var clean = new string((prefix ?? "test").ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        var suffix = Guid.NewGuid().ToString("N");
        return $"{clean[..Math.Min(clean.Length, 30)]}_{suffix}";
    }

    private static async Task<string> StartOrUseExistingAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return external;
        }

        StaleTestClusters.Sweep();
        var root = Path.Combine(Path.GetTempPath(), $"{StaleTestClusters.FolderPrefix}{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, StaleTestClusters.OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = Path.Combine(root, "data") }, CancellationToken.None);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            // ProcessExit handlers are synchronous; blocking is the only way to stop the server before the process ends.
            // The test host may be killed before this finishes (VSTEST_TESTHOST_SHUTDOWN_TIMEOUT); the next sweep cleans up.
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Directory.Delete(root, recursive: true);
        };
        return cluster.ConnectionString;
    }
}
