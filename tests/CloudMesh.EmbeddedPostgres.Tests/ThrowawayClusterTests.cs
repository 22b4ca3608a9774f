using CloudMesh.TestSupport;

namespace CloudMesh.EmbeddedPostgres.Tests;

public sealed class ThrowawayClusterTests
{
    [Fact]
    public async Task Starts_on_loopback_with_test_tuning_and_answers_queries()
    {
        using var temp = new TempDirectory("cloudmesh-pg-throwaway");
        await using var cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = temp.Combine("data") }, CancellationToken.None);

        Assert.Equal(42, await Sql.ScalarAsync<int>(cluster.ConnectionString, "SELECT 6 * 7"));
        Assert.Equal("127.0.0.1", await Sql.ScalarAsync<string>(cluster.ConnectionString, "SHOW listen_addresses"));
        Assert.Equal("off", await Sql.ScalarAsync<string>(cluster.ConnectionString, "SHOW fsync"));
        Assert.Equal("off", await Sql.ScalarAsync<string>(cluster.ConnectionString, "SHOW full_page_writes"));
        Assert.Equal("off", await Sql.ScalarAsync<string>(cluster.ConnectionString, "SHOW synchronous_commit"));
        Assert.Equal("300", await Sql.ScalarAsync<string>(cluster.ConnectionString, "SHOW max_connections"));
        Assert.Equal(cluster.Port, await Sql.ScalarAsync<int>(cluster.ConnectionString, "SELECT current_setting('port')::int"));
        Assert.True(File.Exists(cluster.LogFile));
        Assert.False(cluster.IsAttached);
    }

    [Fact]
    public async Task Dispose_stops_the_server_and_removes_the_data_directory()
    {
        using var temp = new TempDirectory("cloudmesh-pg-throwaway");
        var cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = temp.Combine("data") }, CancellationToken.None);
        var pid = PostmasterPid(cluster.DataDirectory);

        await cluster.DisposeAsync();

        Assert.False(Directory.Exists(cluster.DataDirectory));
        Assert.False(ProcessIsAlive(pid));
        await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => Sql.ScalarAsync<int>(cluster.ConnectionString + ";Pooling=false", "SELECT 1"));
    }

    [Fact]
    public async Task Uses_the_requested_port()
    {
        using var temp = new TempDirectory("cloudmesh-pg-throwaway");
        var port = FreePort.Get();
        await using var cluster = await PostgresCluster.StartAsync(
            new PostgresClusterOptions { DataDirectory = temp.Combine("data"), Port = port }, CancellationToken.None);

        Assert.Equal(port, cluster.Port);
        Assert.Equal(port, await Sql.ScalarAsync<int>(cluster.ConnectionString, "SELECT current_setting('port')::int"));
    }

    [Fact]
    public async Task Refuses_a_directory_that_already_holds_files()
    {
        using var temp = new TempDirectory("cloudmesh-pg-throwaway");
        Directory.CreateDirectory(temp.Combine("data"));
        await File.WriteAllTextAsync(temp.Combine("data", "something"), "x");

        await Assert.ThrowsAsync<PostgresClusterException>(() =>
            PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = temp.Combine("data") }, CancellationToken.None));
    }

    [Fact]
    public async Task Rejects_a_bin_directory_without_server_programs()
    {
        using var temp = new TempDirectory("cloudmesh-pg-throwaway");

        var error = await Assert.ThrowsAsync<PostgresClusterException>(() => PostgresCluster.StartAsync(
            new PostgresClusterOptions { DataDirectory = temp.Combine("data"), BinDirectory = temp.Path }, CancellationToken.None));
        Assert.Contains(temp.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateDatabaseAsync_creates_once_and_points_the_connection_string_at_it()
    {
        using var temp = new TempDirectory("cloudmesh-pg-throwaway");
        await using var cluster = await PostgresCluster.StartAsync(new PostgresClusterOptions { DataDirectory = temp.Combine("data") }, CancellationToken.None);

        var first = await cluster.CreateDatabaseAsync("mesh_store");
        var again = await cluster.CreateDatabaseAsync("mesh_store");

        Assert.Equal(first, again);
        Assert.Equal("mesh_store", await Sql.ScalarAsync<string>(first, "SELECT current_database()"));
    }

    internal static int PostmasterPid(string dataDirectory) =>
        int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    // A zombie (state Z) has exited; the reaper just has not collected it yet.
    internal static bool ProcessIsAlive(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ')[0] != "Z";
        }
        catch (IOException)
        {
            return false; // no /proc entry: the process is gone
        }
    }
}
