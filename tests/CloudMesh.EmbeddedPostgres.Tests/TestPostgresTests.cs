using CloudMesh.TestSupport;

namespace CloudMesh.EmbeddedPostgres.Tests;

public sealed class TestPostgresTests
{
    [Fact]
    public async Task CreateDatabaseAsync_gives_each_caller_its_own_database()
    {
        var first = await TestPostgres.CreateDatabaseAsync("isolation");
        var second = await TestPostgres.CreateDatabaseAsync("isolation");

        var firstName = await Sql.ScalarAsync<string>(first, "SELECT current_database()");
        var secondName = await Sql.ScalarAsync<string>(second, "SELECT current_database()");
        Assert.NotEqual(firstName, secondName);
        Assert.StartsWith("isolation_", firstName, StringComparison.Ordinal);

        await Sql.ExecuteAsync(first, "CREATE TABLE only_here (id int)");
        Assert.Equal(1L, await Sql.ScalarAsync<long>(first, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'"));
    }

    [Fact]
    public async Task DropDatabaseAsync_removes_the_database()
    {
        var database = await TestPostgres.CreateDatabaseAsync("dropped");
        var name = await Sql.ScalarAsync<string>(database, "SELECT current_database()");

        await TestPostgres.DropDatabaseAsync(database);

        var admin = await TestPostgres.GetAdminConnectionStringAsync();
        Assert.Equal(0L, await Sql.ScalarAsync<long>(admin, $"SELECT count(*) FROM pg_database WHERE datname = '{name}'"));
    }

    [Fact]
    public void FreePort_returns_a_port_that_can_be_bound()
    {
        var port = FreePort.Get();

        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        listener.Start();
        Assert.InRange(port, 1, 65535);
    }

    [Fact]
    public void RepoPaths_Root_is_the_folder_holding_the_solution()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "CloudMesh.sln")));
        Assert.True(Directory.Exists(RepoPaths.Combine("api", "CloudMesh.EmbeddedPostgres")));
    }
}
