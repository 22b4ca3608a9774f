using System.Diagnostics;
using CloudMesh.TestSupport;
using Npgsql;

namespace CloudMesh.EmbeddedPostgres.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PersistentClusterTests
{
    private static PostgresClusterOptions Persistent(TempDirectory temp) =>
        new() { DataDirectory = temp.Combine("cluster", "data"), Persistent = true };

    [Fact]
    public async Task Keeps_data_and_password_across_stop_and_start()
    {
        using var temp = new TempDirectory("cloudmesh-pg-persistent");
        string firstPassword;
        await using (var cluster = await PostgresCluster.StartAsync(Persistent(temp), CancellationToken.None))
        {
            firstPassword = new NpgsqlConnectionStringBuilder(cluster.ConnectionString).Password!;
            await Sql.ExecuteAsync(cluster.ConnectionString, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')");
            Assert.Equal("on", await Sql.ScalarAsync<string>(cluster.ConnectionString, "SHOW fsync"));
            Assert.Equal("on", await Sql.ScalarAsync<string>(cluster.ConnectionString, "SHOW full_page_writes"));
        }

        var passwordFile = temp.Combine("cluster", "postgres-password");
        Assert.Equal(firstPassword, (await File.ReadAllTextAsync(passwordFile)).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(passwordFile));
        Assert.True(File.Exists(temp.Combine("cluster", "data", "PG_VERSION")));
        Assert.False(File.Exists(temp.Combine("cluster", "data", "postmaster.pid")));

        await using var restarted = await PostgresCluster.StartAsync(Persistent(temp), CancellationToken.None);
        Assert.Equal(firstPassword, new NpgsqlConnectionStringBuilder(restarted.ConnectionString).Password);
        Assert.Equal("survives", await Sql.ScalarAsync<string>(restarted.ConnectionString, "SELECT v FROM kept"));
    }

    [Fact]
    public async Task Rejects_a_wrong_password_over_tcp()
    {
        using var temp = new TempDirectory("cloudmesh-pg-persistent");
        await using var cluster = await PostgresCluster.StartAsync(Persistent(temp), CancellationToken.None);

        var wrong = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Password = "not-the-password", Pooling = false }.ConnectionString;
        var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<int>(wrong, "SELECT 1"));
        Assert.Equal("28P01", error.SqlState);
    }

    [Fact]
    public async Task Recovers_from_a_stale_postmaster_pid_after_kill_9()
    {
        using var temp = new TempDirectory("cloudmesh-pg-persistent");
        var first = await PostgresCluster.StartAsync(Persistent(temp), CancellationToken.None);
        await Sql.ExecuteAsync(first.ConnectionString, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)");
        var pid = ThrowawayClusterTests.PostmasterPid(first.DataDirectory);
        using (var postmaster = Process.GetProcessById(pid))
        {
            postmaster.Kill(); // SIGKILL: no shutdown, postmaster.pid stays behind
            await postmaster.WaitForExitAsync();
        }

        NpgsqlConnection.ClearAllPools();
        Assert.True(File.Exists(Path.Combine(first.DataDirectory, "postmaster.pid")));

        await using var recovered = await PostgresCluster.StartAsync(Persistent(temp), CancellationToken.None);

        Assert.False(recovered.IsAttached);
        Assert.NotEqual(pid, ThrowawayClusterTests.PostmasterPid(recovered.DataDirectory));
        Assert.Equal(7, await Sql.ScalarAsync<int>(recovered.ConnectionString, "SELECT v FROM kept"));
    }

    [Fact]
    public async Task Concurrent_starts_of_one_cluster_share_a_single_server()
    {
        using var temp = new TempDirectory("cloudmesh-pg-persistent");
        var clusters = await Task.WhenAll(
            PostgresCluster.StartAsync(Persistent(temp), CancellationToken.None),
            PostgresCluster.StartAsync(Persistent(temp), CancellationToken.None));
        var owner = clusters.Single(c => !c.IsAttached);
        var attached = clusters.Single(c => c.IsAttached);
        try
        {
            Assert.Equal(owner.Port, attached.Port);
            Assert.Equal(owner.ConnectionString, attached.ConnectionString);
            const string StartedAt = "SELECT pg_postmaster_start_time()";
            Assert.Equal(
                await Sql.ScalarAsync<DateTime>(owner.ConnectionString, StartedAt),
                await Sql.ScalarAsync<DateTime>(attached.ConnectionString, StartedAt));

            // The attached instance does not own the server: disposing it leaves the owner's server up.
            await attached.DisposeAsync();
            Assert.Equal(1, await Sql.ScalarAsync<int>(owner.ConnectionString, "SELECT 1"));
        }
        finally
        {
            await owner.DisposeAsync();
        }

        Assert.False(File.Exists(Path.Combine(owner.DataDirectory, "postmaster.pid")));
    }

    [Fact]
    public async Task Uses_an_explicit_password_instead_of_generating_one()
    {
        using var temp = new TempDirectory("cloudmesh-pg-persistent");
        var options = Persistent(temp) with { Password = "explicit-secret" };
        await using var cluster = await PostgresCluster.StartAsync(options, CancellationToken.None);

        Assert.Equal("explicit-secret", new NpgsqlConnectionStringBuilder(cluster.ConnectionString).Password);
        Assert.Equal(1, await Sql.ScalarAsync<int>(cluster.ConnectionString, "SELECT 1"));
        Assert.False(File.Exists(temp.Combine("cluster", "postgres-password")));
    }
}
