using CloudMesh.Api.Persistence;
using CloudMesh.Api.Persistence.Entities;
using CloudMesh.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace CloudMesh.Api.Tests.Persistence;

/// <summary>Tenancy is enforced by the DbContext itself, whatever a handler forgets.</summary>
public sealed class TenantFilterTests : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync("filter"));
        await SchemaMigrator.MigrateAsync(_dataSource, CancellationToken.None);
        await using var db = Context(null);
        db.Tenants.AddRange(
            new TenantEntity { AccountId = "111111111111", Name = "a" },
            new TenantEntity { AccountId = "222222222222", Name = "b" });
        await db.SaveChangesAsync();
        foreach (var account in new[] { "111111111111", "222222222222" })
        {
            await using var tenant = Context(account);
            tenant.Resources.Add(Resource("m"));
            await tenant.SaveChangesAsync();
        }
    }

    private CloudMeshDbContext Context(string? account)
    {
        var scope = new TenantScope();
        if (account is not null)
        {
            scope.Bind(account);
        }

        return new CloudMeshDbContext(new DbContextOptionsBuilder<CloudMeshDbContext>().UseNpgsql(_dataSource).Options) { Tenant = scope };
    }

    private static ResourceEntity Resource(string name) => new()
    {
        Id = Guid.NewGuid(), Kind = "mesh", MeshName = name, ParentName = "", Name = name,
        Spec = "{}", Tags = "[]", Refs = [], Version = 1, Uid = Guid.NewGuid().ToString(),
        CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task Queries_see_only_the_bound_tenants_rows_and_inserts_are_stamped()
    {
        await using var a = Context("111111111111");
        var rows = await a.Resources.ToListAsync();

        Assert.Equal("111111111111", Assert.Single(rows).AccountId);
        await using var none = Context(null);
        Assert.Empty(await none.Resources.ToListAsync());
    }

    [Fact]
    public async Task Changing_another_tenants_row_is_refused()
    {
        await using var b = Context("222222222222");
        var foreign = await b.Resources.IgnoreQueryFilters().FirstAsync(r => r.AccountId == "111111111111");
        foreign.Version = 99;

        await Assert.ThrowsAsync<InvalidOperationException>(() => b.SaveChangesAsync());
    }

    [Fact]
    public async Task Writing_without_a_tenant_is_refused()
    {
        await using var none = Context(null);
        none.Resources.Add(Resource("x"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => none.SaveChangesAsync());
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();
}
