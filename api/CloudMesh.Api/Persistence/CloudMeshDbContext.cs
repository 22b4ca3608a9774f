using CloudMesh.Api.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace CloudMesh.Api.Persistence;

/// <summary>
/// The EF Core context. Tenancy is enforced here: every tenant-owned entity has a global query filter on the
/// current <see cref="TenantScope"/>, inserts are stamped with it, and changes to another tenant's rows are refused.
/// Contexts are pooled; whoever rents one sets <see cref="Tenant"/> (see <c>CloudMeshHost</c>), and a context without
/// a tenant sees no tenant rows at all.
/// </summary>
public sealed class CloudMeshDbContext(DbContextOptions<CloudMeshDbContext> options) : DbContext(options)
{
    /// <summary>The request's tenant scope.</summary>
    public TenantScope? Tenant { get; set; }

    /// <summary>The current tenant's account id; referenced by the query filters (evaluated per context instance).</summary>
    public string? CurrentAccountId => Tenant?.AccountId;

    /// <summary>Tenants (admin only).</summary>
    public DbSet<TenantEntity> Tenants => Set<TenantEntity>();
    /// <summary>Access keys (admin and authentication).</summary>
    public DbSet<AccessKeyEntity> AccessKeys => Set<AccessKeyEntity>();
    /// <summary>App Mesh resources of the current tenant.</summary>
    public DbSet<ResourceEntity> Resources => Set<ResourceEntity>();
    /// <summary>Client tokens of the current tenant.</summary>
    public DbSet<IdempotencyEntity> IdempotencyTokens => Set<IdempotencyEntity>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TenantEntity>(e =>
        {
            e.ToTable("tenants").HasKey(t => t.AccountId);
            e.Property(t => t.AccountId).HasColumnName("account_id");
            e.Property(t => t.Name).HasColumnName("name");
            e.Property(t => t.CreatedAt).HasColumnName("created_at");
            e.Property(t => t.RequestsPerSecond).HasColumnName("requests_per_second");
            e.Property(t => t.Burst).HasColumnName("burst");
            e.Property(t => t.Quotas).HasColumnName("quotas").HasColumnType("jsonb");
        });

        modelBuilder.Entity<AccessKeyEntity>(e =>
        {
            e.ToTable("access_keys").HasKey(k => k.AccessKeyId);
            e.Property(k => k.AccessKeyId).HasColumnName("access_key_id");
            e.Property(k => k.AccountId).HasColumnName("account_id");
            e.Property(k => k.EncryptedSecret).HasColumnName("encrypted_secret");
            e.Property(k => k.CreatedAt).HasColumnName("created_at");
        });

        modelBuilder.Entity<ResourceEntity>(e =>
        {
            e.ToTable("resources").HasKey(r => r.Id);
            e.Property(r => r.Id).HasColumnName("id");
            e.Property(r => r.AccountId).HasColumnName("account_id");
            e.Property(r => r.Kind).HasColumnName("kind");
            e.Property(r => r.MeshName).HasColumnName("mesh_name");
            e.Property(r => r.ParentName).HasColumnName("parent_name");
            e.Property(r => r.Name).HasColumnName("name");
            e.Property(r => r.Spec).HasColumnName("spec").HasColumnType("jsonb");
            e.Property(r => r.Tags).HasColumnName("tags").HasColumnType("jsonb");
            e.Property(r => r.Refs).HasColumnName("refs");
            e.Property(r => r.Version).HasColumnName("version").IsConcurrencyToken();
            e.Property(r => r.Uid).HasColumnName("uid");
            e.Property(r => r.CreatedAt).HasColumnName("created_at");
            e.Property(r => r.UpdatedAt).HasColumnName("updated_at");
            e.HasQueryFilter(r => r.AccountId == CurrentAccountId);
        });

        modelBuilder.Entity<IdempotencyEntity>(e =>
        {
            e.ToTable("idempotency_tokens").HasKey(t => new { t.AccountId, t.ClientToken });
            e.Property(t => t.AccountId).HasColumnName("account_id");
            e.Property(t => t.ClientToken).HasColumnName("client_token");
            e.Property(t => t.Operation).HasColumnName("operation");
            e.Property(t => t.RequestHash).HasColumnName("request_hash");
            e.Property(t => t.Response).HasColumnName("response").HasColumnType("jsonb");
            e.Property(t => t.CreatedAt).HasColumnName("created_at");
            e.HasQueryFilter(t => t.AccountId == CurrentAccountId);
        });
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        EnforceTenancy();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        EnforceTenancy();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private void EnforceTenancy()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.AccountId = CurrentAccountId
                    ?? throw new InvalidOperationException("Tenant-owned rows can only be written inside a tenant scope.");
            }
            else if (entry.State is EntityState.Modified or EntityState.Deleted && entry.Entity.AccountId != CurrentAccountId)
            {
                throw new InvalidOperationException("A change to another tenant's row was refused.");
            }
        }
    }
}
