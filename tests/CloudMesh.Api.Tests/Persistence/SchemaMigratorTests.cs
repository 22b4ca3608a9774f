using CloudMesh.Api.Persistence;
using CloudMesh.TestSupport;
using Npgsql;
using Xunit;

namespace CloudMesh.Api.Tests.Persistence;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task Several_instances_migrating_at_once_apply_each_migration_exactly_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync("migrate"));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SchemaMigrator.MigrateAsync(dataSource, CancellationToken.None))));

        var all = SchemaMigrator.Load().Select(m => m.Name).ToList();
        Assert.Equal(all, results.SelectMany(r => r).Order(StringComparer.Ordinal));
        Assert.Empty(await SchemaMigrator.MigrateAsync(dataSource, CancellationToken.None));
        await using var cmd = dataSource.CreateCommand("SELECT count(*) FROM schema_migrations");
        Assert.Equal((long)all.Count, (long)(await cmd.ExecuteScalarAsync())!);
    }
}
