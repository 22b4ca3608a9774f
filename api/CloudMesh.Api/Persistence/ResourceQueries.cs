using CloudMesh.Api.Core.Resources;
using CloudMesh.Api.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace CloudMesh.Api.Persistence;

/// <summary>
/// The resource reads of describe, list and the tag operations (the write path's statements are
/// <see cref="ResourceWriteStatements"/>). Every query goes through the tenant-filtered
/// <see cref="CloudMeshDbContext.Resources"/> set; the one raw SQL row lock repeats the tenant condition.
/// </summary>
public sealed class ResourceQueries(CloudMeshDbContext db)
{
    private string Account => db.CurrentAccountId ?? throw new InvalidOperationException("No tenant is bound to this request.");

    // The hottest query (every describe, and existence checks): compiled once. The tenant filter still applies,
    // with the account taken from the context instance each time it runs.
    private static readonly Func<CloudMeshDbContext, string, string, string, string, CancellationToken, Task<ResourceEntity?>> Find =
        EF.CompileAsyncQuery((CloudMeshDbContext context, string kind, string mesh, string parent, string name, CancellationToken _) =>
            context.Resources.AsNoTracking().FirstOrDefault(r => r.Kind == kind && r.MeshName == mesh && r.ParentName == parent && r.Name == name));

    /// <summary>Finds a resource without tracking or locking (reads).</summary>
    public Task<ResourceEntity?> FindAsync(ResourceKey key, CancellationToken ct) =>
        Find(db, key.Kind.Name, key.MeshName, key.ParentName, key.Name, ct);

    /// <summary>Finds and locks a resource for update (tracked), so concurrent writers of it serialize.</summary>
    public Task<ResourceEntity?> LockForUpdateAsync(ResourceKey key, CancellationToken ct) =>
        db.Resources.FromSql($"""
            SELECT * FROM resources WHERE account_id = {Account} AND kind = {key.Kind.Name}
            AND mesh_name = {key.MeshName} AND parent_name = {key.ParentName} AND name = {key.Name} FOR UPDATE
            """).FirstOrDefaultAsync(ct);

    /// <summary>One page of a listing, in name order, starting after <paramref name="afterName"/>.</summary>
    public Task<List<ResourceSummary>> PageAsync(ResourceKind kind, string meshName, string parentName, string? afterName, int take, CancellationToken ct)
    {
        var query = db.Resources.AsNoTracking().Where(r => r.Kind == kind.Name && r.ParentName == parentName);
        if (!kind.IsMesh)
        {
            query = query.Where(r => r.MeshName == meshName);
        }

        if (afterName is not null)
        {
            query = query.Where(r => string.Compare(r.Name, afterName) > 0);
        }

        return query.OrderBy(r => r.Name).Take(take)
            .Select(r => new ResourceSummary(r.AccountId, r.Kind, r.MeshName, r.ParentName, r.Name, r.Version, r.CreatedAt, r.UpdatedAt))
            .ToListAsync(ct);
    }
}
