using CloudMesh.Api.Core.Resources;
using CloudMesh.Api.Persistence.Entities;
using Npgsql;
using NpgsqlTypes;

namespace CloudMesh.Api.Persistence;

/// <summary>
/// The statements of the resource write path, queued on a <see cref="PipelinedTransaction"/>. Tenancy holds here as it
/// does in <see cref="CloudMeshDbContext"/>: every statement carries the account of the request's bound
/// <see cref="TenantScope"/> (never one a caller passes), in its WHERE clause, its inserted rows and its lock keys.
/// </summary>
/// <remarks>
/// Locks: a writer that depends on a resource existing (a child of a
/// mesh, a route targeting a node) holds a shared advisory lock on that resource's identity until commit, and a delete
/// takes it exclusively, so a delete waits for its dependants and then sees them. Each lock is its own statement and
/// the existence check after it is another: a statement's snapshot is taken when it starts, so only a later statement
/// sees what a writer the lock waited for committed.
/// </remarks>
public sealed class ResourceWriteStatements(TenantScope scope)
{
    private const string Columns = "id, kind, mesh_name, parent_name, name, spec::text, tags::text, refs, version, uid, created_at, updated_at";
    private const string Identity = "account_id = $1 AND kind = $2 AND mesh_name = $3 AND parent_name = $4 AND name = $5";

    private string Account => scope.AccountId ?? throw new InvalidOperationException("No tenant is bound to this request.");

    /// <summary>
    /// Reads what an earlier request with this clientToken recorded. No lock: two requests racing with one token both
    /// find nothing, and the later one's <see cref="InsertToken"/> waits on the first's row, fails on its key once the
    /// first commits, and its retry replays (queue the token's insert before the write it guards).
    /// </summary>
    public Result<StoredToken?> FindToken(PipelinedTransaction tx, string tokenDigest)
    {
        var result = new Result<StoredToken?>();
        tx.Query("SELECT operation, request_hash, response::text FROM idempotency_tokens WHERE account_id = $1 AND client_token = $2",
            async (reader, ct) => result.Value = await reader.ReadAsync(ct)
                ? new StoredToken(reader.GetString(0), reader.GetString(1), reader.GetString(2))
                : null,
            Account, tokenDigest);
        return result;
    }

    /// <summary>Takes the shared identity lock on <paramref name="key"/> (held to commit), then checks it exists.</summary>
    public Result<bool> LockSharedAndCheckExists(PipelinedTransaction tx, ResourceKey key)
    {
        var result = new Result<bool>();
        tx.Query("SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))", null, IdentityLockKey(key));
        tx.Query($"SELECT EXISTS (SELECT 1 FROM resources WHERE {Identity})",
            async (reader, ct) => result.Value = await reader.ReadAsync(ct) && reader.GetBoolean(0),
            IdentityParameters(key));
        return result;
    }

    /// <summary>Takes the exclusive identity lock on <paramref name="key"/>: waits for every writer depending on it.</summary>
    public void LockExclusive(PipelinedTransaction tx, ResourceKey key) =>
        tx.Query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", null, IdentityLockKey(key));

    /// <summary>Reads and row-locks the resource (concurrent writers of it serialize); null when it does not exist.</summary>
    public Result<ResourceEntity?> SelectForUpdate(PipelinedTransaction tx, ResourceKey key)
    {
        var result = new Result<ResourceEntity?>();
        tx.Query($"SELECT {Columns} FROM resources WHERE {Identity} FOR UPDATE",
            async (reader, ct) => result.Value = await reader.ReadAsync(ct) ? Read(reader) : null,
            IdentityParameters(key));
        return result;
    }

    /// <summary>How many resources of <paramref name="kind"/> a mesh (and parent) holds, by kind (for in-use checks).</summary>
    public Result<IReadOnlyList<(string Kind, long Count)>> CountByKind(PipelinedTransaction tx, string meshName, ResourceKind? kind, string parentName)
    {
        var result = new Result<IReadOnlyList<(string Kind, long Count)>>();
        var sql = kind is null
            ? "SELECT kind, count(*) FROM resources WHERE account_id = $1 AND mesh_name = $2 AND kind <> 'mesh' GROUP BY kind ORDER BY kind COLLATE \"C\""
            : "SELECT kind, count(*) FROM resources WHERE account_id = $1 AND mesh_name = $2 AND kind = $3 AND parent_name = $4 GROUP BY kind";
        object[] parameters = kind is null ? [Account, meshName] : [Account, meshName, kind.Name, parentName];
        tx.Query(sql, async (reader, ct) =>
        {
            var rows = new List<(string, long)>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1)));
            }

            result.Value = rows;
        }, parameters);
        return result;
    }

    /// <summary>Up to <paramref name="max"/> resources of the mesh whose specs reference <paramref name="reference"/>.</summary>
    public Result<IReadOnlyList<ResourceKey>> Referrers(PipelinedTransaction tx, string meshName, string reference, int max)
    {
        var result = new Result<IReadOnlyList<ResourceKey>>();
        tx.Query("""
            SELECT kind, mesh_name, parent_name, name FROM resources
            WHERE account_id = $1 AND mesh_name = $2 AND refs @> ARRAY[$3]
            ORDER BY kind, parent_name, name LIMIT $4
            """, async (reader, ct) =>
        {
            var keys = new List<ResourceKey>();
            while (await reader.ReadAsync(ct))
            {
                keys.Add(new ResourceKey(ResourceKinds.FindByName(reader.GetString(0))!, reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }

            result.Value = keys;
        }, Account, meshName, reference, max);
        return result;
    }

    /// <summary>Inserts a new resource (the unique index <c>resources_identity</c> refuses a taken name).</summary>
    public void Insert(PipelinedTransaction tx, ResourceEntity entity) => tx.Execute("""
        INSERT INTO resources (id, account_id, kind, mesh_name, parent_name, name, spec, tags, refs, version, uid, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
        """,
        entity.Id, Account, entity.Kind, entity.MeshName, entity.ParentName, entity.Name, Jsonb(entity.Spec), Jsonb(entity.Tags),
        entity.Refs, entity.Version, entity.Uid, entity.CreatedAt, entity.UpdatedAt);

    /// <summary>Writes an update of a row locked by <see cref="SelectForUpdate"/>: spec, references, version and time.</summary>
    public void Update(PipelinedTransaction tx, ResourceEntity entity) => tx.Execute(
        "UPDATE resources SET spec = $3, refs = $4, version = $5, updated_at = $6 WHERE id = $1 AND account_id = $2",
        entity.Id, Account, Jsonb(entity.Spec), entity.Refs, entity.Version, entity.UpdatedAt);

    /// <summary>Deletes a row locked by <see cref="SelectForUpdate"/>.</summary>
    public void Delete(PipelinedTransaction tx, ResourceEntity entity) =>
        tx.Execute("DELETE FROM resources WHERE id = $1 AND account_id = $2", entity.Id, Account);

    /// <summary>
    /// Counts one more resource of <paramref name="key"/>'s kind in its container, failing the statement (check
    /// constraint <c>resource_counts_within_quota</c>) when that would exceed <paramref name="limit"/>. Queue it last
    /// before the commit: the counter row stays locked until then, and creates in one container wait on it.
    /// </summary>
    public void TakeQuota(PipelinedTransaction tx, ResourceKey key, int limit)
    {
        var (mesh, parent) = Container(key);
        tx.Execute("""
            INSERT INTO resource_counts (account_id, kind, mesh_name, parent_name, count, quota) VALUES ($1, $2, $3, $4, 1, $5)
            ON CONFLICT (account_id, kind, mesh_name, parent_name)
            DO UPDATE SET count = resource_counts.count + 1, quota = EXCLUDED.quota
            """, Account, key.Kind.Name, mesh, parent, limit);
    }

    /// <summary>Counts one resource fewer in <paramref name="key"/>'s container (a lowered quota never blocks a delete).</summary>
    public void ReleaseQuota(PipelinedTransaction tx, ResourceKey key)
    {
        var (mesh, parent) = Container(key);
        tx.Execute("""
            UPDATE resource_counts SET count = count - 1, quota = NULL
            WHERE account_id = $1 AND kind = $2 AND mesh_name = $3 AND parent_name = $4
            """, Account, key.Kind.Name, mesh, parent);
    }

    /// <summary>Records a clientToken's outcome (its response replays later requests with the same token and input).</summary>
    public void InsertToken(PipelinedTransaction tx, string tokenDigest, string operation, string requestHash, string response, DateTimeOffset now) =>
        tx.Execute("""
            INSERT INTO idempotency_tokens (account_id, client_token, operation, request_hash, response, created_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            """, Account, tokenDigest, operation, requestHash, Jsonb(response), now);

    /// <summary>
    /// The quota container of a key, as <c>resource_counts</c> and its migration key it: meshes count per account
    /// (empty mesh and parent), routes and gateway routes per parent, everything else per mesh.
    /// </summary>
    internal static (string MeshName, string ParentName) Container(ResourceKey key) =>
        key.Kind.IsMesh ? ("", "") : (key.MeshName, key.ParentName);

    private string IdentityLockKey(ResourceKey key) =>
        $"{Account}|resource|{key.Kind.Name}|{key.MeshName}|{key.ParentName}|{key.Name}";

    private object[] IdentityParameters(ResourceKey key) => [Account, key.Kind.Name, key.MeshName, key.ParentName, key.Name];

    private static NpgsqlParameter Jsonb(string json) => new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb };

    private ResourceEntity Read(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        AccountId = Account,
        Kind = reader.GetString(1),
        MeshName = reader.GetString(2),
        ParentName = reader.GetString(3),
        Name = reader.GetString(4),
        Spec = reader.GetString(5),
        Tags = reader.GetString(6),
        Refs = reader.GetFieldValue<string[]>(7),
        Version = reader.GetInt64(8),
        Uid = reader.GetString(9),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(10),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(11),
    };

    /// <summary>A value a queued statement delivers once its batch has been sent.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    public sealed class Result<T>
    {
        private T _value = default!;
        private bool _set;

        /// <summary>The value; reading it before the batch was sent is a bug.</summary>
        public T Value
        {
            get => _set ? _value : throw new InvalidOperationException("The statement's batch has not been sent yet.");
            internal set
            {
                _value = value;
                _set = true;
            }
        }
    }

    /// <summary>What an earlier request with the same clientToken recorded.</summary>
    /// <param name="Operation">Its operation.</param>
    /// <param name="RequestHash">The canonical hash of its input.</param>
    /// <param name="Response">Its response, as JSON.</param>
    public sealed record StoredToken(string Operation, string RequestHash, string Response);
}
