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

    [Fact]
    public async Task Upgrading_a_populated_database_to_0004_counts_the_resources_it_already_holds()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync("migrate-counts"));
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            // The schema as a 0003 server left it, with data in it.
            await Execute(connection, "CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
            foreach (var (name, sql) in SchemaMigrator.Load().Where(m => string.CompareOrdinal(m.Name, "0004") < 0))
            {
                await Execute(connection, sql);
                await Execute(connection, $"INSERT INTO schema_migrations (name) VALUES ('{name}')");
            }

            await Execute(connection, "INSERT INTO tenants (account_id, name, created_at) VALUES ('111122223333', 't', now())");
            foreach (var (kind, mesh, parent, name) in new[]
            {
                ("mesh", "a", "", "a"), ("mesh", "b", "", "b"),
                ("virtualNode", "a", "", "n1"), ("virtualNode", "a", "", "n2"), ("virtualNode", "b", "", "n1"),
                ("virtualRouter", "a", "", "r"), ("route", "a", "r", "x"), ("route", "a", "r", "y"),
            })
            {
                await Execute(connection, $"""
                    INSERT INTO resources VALUES (gen_random_uuid(), '111122223333', '{kind}', '{mesh}', '{parent}', '{name}',
                        '{"{}"}', '[]', '{"{}"}', 1, gen_random_uuid()::text, now(), now())
                    """);
            }
        }

        Assert.Equal(["0004_resource_counts"], (await SchemaMigrator.MigrateAsync(dataSource, CancellationToken.None)).Where(n => n.StartsWith("0004", StringComparison.Ordinal)));

        await using var counts = dataSource.CreateCommand("SELECT kind || ':' || mesh_name || ':' || parent_name || '=' || count FROM resource_counts ORDER BY 1");
        var rows = new List<string>();
        await using (var reader = await counts.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["mesh::=2", "route:a:r=2", "virtualNode:a:=2", "virtualNode:b:=1", "virtualRouter:a:=1"], rows);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
