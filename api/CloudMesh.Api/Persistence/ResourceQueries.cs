using CloudMesh.Api.Core.Resources;
using CloudMesh.Api.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudMesh.Api.Persistence;

/// <summary>
/// The resource reads of describe, list and the tag operations (the write path's statements are
/// <see cref="ResourceWriteStatements"/>). EF queries go through the tenant-filtered
/// <see cref="CloudMeshDbContext.Resources"/> set; raw SQL statements (the row lock, listings) carry the tenant
/// condition with the account of the context's bound scope.
/// </summary>
public sealed class ResourceQueries(CloudMeshDbContext db, NpgsqlDataSource dataSource)
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
    /// One page of a listing, in name order, starting after <paramref name="afterName"/>, and whether the mesh and parent
    /// it lists in exist, in one round trip. Raw SQL (the hottest read after describe: EF's query pipeline and
    /// materialization were over half its server CPU, measured with perf), with the tenant condition in every statement.
    /// </summary>
    public async Task<ListingPage> PageAsync(ResourceKind kind, string meshName, string parentName, string? afterName, int take, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        var containers = new List<ResourceKey>();
        if (!kind.IsMesh)
        {
            containers.Add(ResourceKey.ForMesh(meshName));
            if (kind.Parent is { } parent)
            {
                containers.Add(new ResourceKey(parent, meshName, "", parentName));
            }
        }

        foreach (var container in containers)
        {
            batch.BatchCommands.Add(Command(
                "SELECT EXISTS (SELECT 1 FROM resources WHERE account_id = $1 AND kind = $2 AND mesh_name = $3 AND parent_name = $4 AND name = $5)",
                Account, container.Kind.Name, container.MeshName, container.ParentName, container.Name));
        }

        // Meshes are listed across the account; everything else within its mesh (and parent).
        batch.BatchCommands.Add(Command($"""
            SELECT mesh_name, parent_name, name, version, created_at, updated_at FROM resources
            WHERE account_id = $1 AND kind = $2 AND parent_name = $3 {(kind.IsMesh ? "" : "AND mesh_name = $6")}
            AND ($4::text IS NULL OR name > $4) ORDER BY name LIMIT $5
            """, [Account, kind.Name, parentName, (object?)afterName ?? DBNull.Value, take, .. (kind.IsMesh ? Array.Empty<object>() : [meshName])]));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        ResourceKey? missing = null;
        foreach (var container in containers)
        {
            await reader.ReadAsync(ct);
            if (!reader.GetBoolean(0))
            {
                missing ??= container;
            }

            await reader.NextResultAsync(ct);
        }

        var rows = new List<ResourceSummary>(take);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ResourceSummary(Account, kind.Name, reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return new ListingPage(missing, rows);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}

/// <summary>A page of a listing, or the first container (mesh, then parent) that does not exist.</summary>
/// <param name="MissingContainer">The mesh or parent that does not exist; null when both do.</param>
/// <param name="Rows">The page's rows (empty when a container is missing).</param>
public sealed record ListingPage(ResourceKey? MissingContainer, IReadOnlyList<ResourceSummary> Rows);
