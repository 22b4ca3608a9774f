using CloudMesh.Api.Core.Resources;
using CloudMesh.Api.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace CloudMesh.Api.Persistence;

/// <summary>
/// The resource reads and locks the App Mesh operations need. Every query goes through the tenant-filtered
/// <see cref="CloudMeshDbContext.Resources"/> set; raw SQL is used only for locks (row locks repeat the tenant
/// condition, advisory lock keys include the account), so that even a lock cannot touch another tenant's data.
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

    /// <summary>
    /// Takes a shared lock on a resource's identity and says whether it exists: a writer that depends on it existing
    /// (a child of a mesh, a route targeting a node) holds this until commit, and a delete of that resource takes the
    /// same lock exclusively (<see cref="LockIdentityExclusiveAsync"/>), so the delete waits and then sees the
    /// dependant. Advisory locks live in memory: unlike a row lock they do not rewrite the (often shared, hot) parent
    /// row for every child created under it.
    /// </summary>
    public async Task<bool> LockExistingForShareAsync(ResourceKey key, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared(hashtextextended({IdentityLockKey(key)}, 0))", ct);
        return await FindAsync(key, ct) is not null; // a new statement: sees any delete committed before the lock was granted
    }

    /// <summary>Takes the exclusive counterpart of <see cref="LockExistingForShareAsync"/> (before deleting the resource).</summary>
    public Task LockIdentityExclusiveAsync(ResourceKey key, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({IdentityLockKey(key)}, 0))", ct);

    private string IdentityLockKey(ResourceKey key) =>
        $"{Account}|resource|{key.Kind.Name}|{key.MeshName}|{key.ParentName}|{key.Name}";

    /// <summary>Serializes writers of one logical key for the rest of the transaction (creates in one container, one clientToken).</summary>
    public Task LockKeyAsync(string key, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({Account + "|" + key}, 0))", ct);

    /// <summary>
    /// In one round trip: how many resources of the key's kind its container holds, and whether the key's name is
    /// among them (the create path checks both while holding the container's lock, so it keeps that short).
    /// </summary>
    public async Task<(int Count, bool Exists)> CountAndFindNameAsync(ResourceKey key, CancellationToken ct)
    {
        var query = db.Resources.Where(r => r.Kind == key.Kind.Name);
        if (!key.Kind.IsMesh)
        {
            query = query.Where(r => r.MeshName == key.MeshName && r.ParentName == key.ParentName);
        }

        var row = await query.GroupBy(r => r.Kind)
            .Select(g => new { Count = g.Count(), Same = g.Count(r => r.Name == key.Name) })
            .FirstOrDefaultAsync(ct);
        return row is null ? (0, false) : (row.Count, row.Same > 0);
    }

    /// <summary>How many resources of <paramref name="kind"/> exist in a mesh (and parent).</summary>
    public Task<int> CountAsync(ResourceKind kind, string meshName, string parentName, CancellationToken ct) => kind.IsMesh
        ? db.Resources.CountAsync(r => r.Kind == kind.Name, ct)
        : db.Resources.CountAsync(r => r.Kind == kind.Name && r.MeshName == meshName && r.ParentName == parentName, ct);

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

    /// <summary>What a mesh still contains, by kind (for DeleteMesh).</summary>
    public async Task<IReadOnlyList<(string Kind, int Count)>> ContentsOfMeshAsync(string meshName, CancellationToken ct)
    {
        var rows = await db.Resources.Where(r => r.MeshName == meshName && r.Kind != ResourceKinds.Mesh.Name)
            .GroupBy(r => r.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Count)).ToList();
    }

    /// <summary>Up to <paramref name="max"/> resources of the mesh whose specs reference <paramref name="reference"/>.</summary>
    public Task<List<ResourceEntity>> ReferrersAsync(string meshName, string reference, int max, CancellationToken ct) =>
        db.Resources.AsNoTracking()
            .Where(r => r.MeshName == meshName && r.Refs.Contains(reference))
            .OrderBy(r => r.Kind).ThenBy(r => r.ParentName).ThenBy(r => r.Name)
            .Take(max).ToListAsync(ct);
}
