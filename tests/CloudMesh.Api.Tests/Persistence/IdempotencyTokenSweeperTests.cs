using CloudMesh.Api.Persistence;
using CloudMesh.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace CloudMesh.Api.Tests.Persistence;

public sealed class IdempotencyTokenSweeperTests
{
    [Fact]
    public async Task Forgets_only_tokens_older_than_the_retention()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync("sweep"));
        await SchemaMigrator.MigrateAsync(dataSource, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        await using (var tenant = dataSource.CreateCommand("INSERT INTO tenants (account_id, name, created_at) VALUES ('111111111111', 't', now())"))
        {
            await tenant.ExecuteNonQueryAsync();
        }

        await using (var cmd = dataSource.CreateCommand("""
            INSERT INTO idempotency_tokens VALUES ('111111111111', 'old', 'CreateMesh', 'h', '{}', $1), ('111111111111', 'new', 'CreateMesh', 'h', '{}', $2);
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = now - IdempotencyTokenSweeper.Retention - TimeSpan.FromMinutes(1) });
            cmd.Parameters.Add(new NpgsqlParameter { Value = now - IdempotencyTokenSweeper.Retention + TimeSpan.FromMinutes(1) });
            await cmd.ExecuteNonQueryAsync();
        }

        var sweeper = new IdempotencyTokenSweeper(dataSource, TimeProvider.System, NullLogger<IdempotencyTokenSweeper>.Instance);

        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        await using var left = dataSource.CreateCommand("SELECT client_token FROM idempotency_tokens");
        Assert.Equal("new", await left.ExecuteScalarAsync());
    }
}
