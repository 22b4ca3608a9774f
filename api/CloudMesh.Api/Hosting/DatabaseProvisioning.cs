using CloudMesh.EmbeddedPostgres;

namespace CloudMesh.Api.Hosting;

/// <summary>
/// Decides which PostgreSQL the service uses: <c>CLOUDMESH_DB</c> when configured, otherwise a private cluster under
/// <c>$CLOUDMESH_HOME/postgres</c>, created on first start and reused (with its data) on every later start.
/// </summary>
public static class DatabaseProvisioning
{
    /// <summary>Returns the connection string, and the embedded cluster when one was started (the caller stops it).</summary>
    public static async Task<(string ConnectionString, PostgresCluster? Cluster)> ResolveAsync(CloudMeshOptions options, Action<string> log, CancellationToken ct)
    {
        if (options.Database is { } configured)
        {
            return (configured, null);
        }

        var dataDirectory = Path.Combine(options.Home, "postgres");
        log($"CLOUDMESH_DB is not set: using the private PostgreSQL cluster in {dataDirectory}.");
        var cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions
        {
            DataDirectory = dataDirectory,
            Persistent = true,
            Log = log,
        }, ct);
        return (cluster.ConnectionString, cluster);
    }
}
