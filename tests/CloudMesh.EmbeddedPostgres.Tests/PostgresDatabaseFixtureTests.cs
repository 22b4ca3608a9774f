using CloudMesh.TestSupport;

namespace CloudMesh.EmbeddedPostgres.Tests;

public sealed class PostgresDatabaseFixtureTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Fixture_connects_to_its_own_fresh_database()
    {
        var name = await Sql.ScalarAsync<string>(fixture.ConnectionString, "SELECT current_database()");

        Assert.StartsWith("postgresdatabasefixture_", name, StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(fixture.ConnectionString, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }
}
