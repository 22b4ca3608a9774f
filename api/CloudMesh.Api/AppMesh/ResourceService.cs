using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Errors;
using CloudMesh.Api.Core.Paging;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Api.Core.Tenancy;
using CloudMesh.Api.Persistence;
using CloudMesh.Api.Persistence.Entities;
using CloudMesh.Api.Throttling;
using Npgsql;

namespace CloudMesh.Api.AppMesh;

/// <summary>
/// Create, describe, update, delete and list for every resource kind, with App Mesh's rules: the enclosing mesh and
/// parent must exist, references must resolve, quotas hold, names are unique, and nothing that others still use or
/// contain can be deleted. Writes run in one transaction each; locks order concurrent writers so that the rules hold
/// under concurrency too (see <see cref="ResourceWriteStatements"/>). A write is one transaction of two round trips
/// (<see cref="PipelinedTransaction"/>): locks and reads, then the writes, its clientToken record and the commit.
/// </summary>
public sealed class ResourceService(
    CloudMeshDbContext db,
    ResourceQueries queries,
    ResourceWriteStatements statements,
    TransactionRunner transactions,
    ResourceRenderer renderer,
    PageTokenCodec pageTokens,
    TenantLimitsProvider limits,
    TimeProvider time)
{
    private const int DefaultPageSize = 100;

    private string Account => db.CurrentAccountId!;

    /// <summary>
    /// Creates a resource in one transaction of two round trips: locks and reads (clientToken, enclosing mesh and
    /// parent, references), then the insert, the clientToken record and the quota count with the commit.
    /// </summary>
    public async Task<JsonObject> CreateAsync(AppMeshOperation operation, ResourceKind kind, JsonObject input, CancellationToken ct)
    {
        var key = InputMembers.KeyOf(kind, input);
        var spec = Spec(kind, input);
        var tags = InputMembers.Tags(input["tags"]);
        var references = ResourceReferences.Extract(kind, spec);
        var token = ClientToken.Of(operation, input);
        var limit = (await limits.GetAsync(db, Account, ct)).Quotas.LimitFor(kind);

        return await transactions.RunPipelinedAsync(async tx =>
        {
            var prior = token is null ? null : statements.FindToken(tx, token.Digest);
            // Share locks on what the new resource depends on are held to commit, so none of it can be deleted meanwhile.
            var containers = Containers(key).Select(c => (Key: c, Exists: statements.LockSharedAndCheckExists(tx, c))).ToList();
            var targets = LockReferences(tx, key, references);
            await tx.SendAsync(ct);

            if (prior?.Value is { } earlier)
            {
                return token!.Replay(earlier);
            }

            foreach (var (container, exists) in containers)
            {
                RequireFound(exists, NotFound(container));
            }

            var refs = RequireReferences(targets);
            var now = Now();
            var entity = new ResourceEntity
            {
                Id = Guid.CreateVersion7(),
                AccountId = Account,
                Kind = kind.Name,
                MeshName = key.MeshName,
                ParentName = key.ParentName,
                Name = key.Name,
                Spec = spec.ToJsonString(),
                Tags = tags.ToJsonString(),
                Refs = refs,
                Version = 1,
                Uid = Guid.NewGuid().ToString(),
                CreatedAt = now,
                UpdatedAt = now,
            };
            var output = new JsonObject { [kind.Name] = renderer.Data(entity) };
            RecordToken(tx, token, output); // first: a racing request with this token waits here, then retries and replays
            statements.Insert(tx, entity);
            statements.TakeQuota(tx, key, limit); // last: it locks the container's counter until the commit
            try
            {
                await tx.CommitAsync(ct);
            }
            catch (PostgresException ex) when (ex is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "resources_identity" })
            {
                throw AppMeshException.Conflict($"The {key.Describe()} already exists.");
            }
            catch (PostgresException ex) when (ex is { SqlState: PostgresErrorCodes.CheckViolation, ConstraintName: "resource_counts_within_quota" })
            {
                throw new AppMeshException(AppMeshErrorCode.LimitExceeded,
                    $"Cannot create the {key.Describe()}: the limit of {limit} {TenantQuotas.DescribeLimit(kind)} has been reached.");
            }

            return output;
        }, RacingToken, ct);
    }

    /// <summary>Describes a resource.</summary>
    public async Task<JsonObject> DescribeAsync(ResourceKind kind, JsonObject input, CancellationToken ct)
    {
        var key = InputMembers.KeyOf(kind, input);
        var entity = await queries.FindAsync(key, ct) ?? throw NotFound(key);
        return new JsonObject { [kind.Name] = renderer.Data(entity) };
    }

    /// <summary>Replaces a resource's spec; the version goes up by exactly one (one transaction, two round trips).</summary>
    public async Task<JsonObject> UpdateAsync(AppMeshOperation operation, ResourceKind kind, JsonObject input, CancellationToken ct)
    {
        var key = InputMembers.KeyOf(kind, input);
        var spec = Spec(kind, input);
        var references = ResourceReferences.Extract(kind, spec);
        var token = ClientToken.Of(operation, input);

        return await transactions.RunPipelinedAsync(async tx =>
        {
            var prior = token is null ? null : statements.FindToken(tx, token.Digest);
            var row = statements.SelectForUpdate(tx, key); // concurrent updates of one resource serialize here
            var targets = LockReferences(tx, key, references);
            await tx.SendAsync(ct);

            if (prior?.Value is { } earlier)
            {
                return token!.Replay(earlier);
            }

            var entity = row.Value ?? throw NotFound(key);
            entity.Refs = RequireReferences(targets);
            entity.Spec = spec.ToJsonString();
            entity.Version++;
            entity.UpdatedAt = Now();
            var output = new JsonObject { [kind.Name] = renderer.Data(entity) };
            RecordToken(tx, token, output);
            statements.Update(tx, entity);
            await tx.CommitAsync(ct);
            return output;
        }, RacingToken, ct);
    }

    /// <summary>Deletes a resource unless something still uses or contains it (one transaction, two round trips).</summary>
    public Task<JsonObject> DeleteAsync(ResourceKind kind, JsonObject input, CancellationToken ct)
    {
        var key = InputMembers.KeyOf(kind, input);
        var child = ResourceKinds.All.FirstOrDefault(k => k.Parent == kind);
        return transactions.RunPipelinedAsync(async tx =>
        {
            statements.LockExclusive(tx, key); // waits for writers that depend on this resource
            var row = statements.SelectForUpdate(tx, key);
            var contents = kind.IsMesh ? statements.CountByKind(tx, key.MeshName, null, "") : null;
            var children = child is null ? null : statements.CountByKind(tx, key.MeshName, child, key.Name);
            var referrers = kind.IsMesh || kind.Parent is not null
                ? null
                : statements.Referrers(tx, key.MeshName, ResourceReference.StorageKeyOf(kind, key.Name), 5);
            await tx.SendAsync(ct);

            var entity = row.Value ?? throw NotFound(key);
            if (contents?.Value is { Count: > 0 } inMesh)
            {
                var list = string.Join(", ", inMesh.Select(c => $"{c.Count} {c.Kind}(s)"));
                throw AppMeshException.InUse($"The mesh '{key.MeshName}' still contains {list}; delete them before deleting the mesh.");
            }

            if (children?.Value.Sum(c => c.Count) is > 0 and var count)
            {
                throw AppMeshException.InUse($"The {key.Describe()} still has {count} {child!.Name}(s); delete them first.");
            }

            if (referrers?.Value is { Count: > 0 } users)
            {
                var names = string.Join(", ", users.Select(r => r.Describe()));
                throw AppMeshException.InUse($"The {key.Describe()} is in use by {names}; remove those references first.");
            }

            statements.Delete(tx, entity);
            statements.ReleaseQuota(tx, key);
            await tx.CommitAsync(ct);
            return new JsonObject { [kind.Name] = renderer.Data(entity, "DELETED") };
        }, null, ct);
    }

    /// <summary>Lists one page of resources of a kind in their container.</summary>
    public async Task<JsonObject> ListAsync(AppMeshOperation operation, JsonObject input, CancellationToken ct)
    {
        var kind = operation.Kind!;
        var meshName = kind.IsMesh ? "" : InputMembers.Required(input, "meshName");
        var parentName = kind.Parent is { } p ? InputMembers.Required(input, p.NameMember) : "";
        var scope = $"{Account}|{operation.Name}|{meshName}|{parentName}";
        string? after = null;
        var tokenValid = InputMembers.String(input, "nextToken") is not { } token || pageTokens.TryDecode(scope, token, out after);

        // A missing mesh or parent answers NotFound before a bad nextToken does (the page read with it is wasted then).
        var pageSize = InputMembers.Int(input, "limit") ?? DefaultPageSize;
        var page = await queries.PageAsync(kind, meshName, parentName, after, pageSize + 1, ct);
        if (page.MissingContainer is { } missing)
        {
            throw NotFound(missing);
        }

        if (!tokenValid)
        {
            throw InvalidNextToken();
        }

        var rows = page.Rows;
        var items = new JsonArray();
        foreach (var row in rows.Take(pageSize))
        {
            items.Add(renderer.Ref(row));
        }

        var output = new JsonObject { [kind.ListMember] = items };
        if (rows.Count > pageSize)
        {
            output["nextToken"] = pageTokens.Encode(scope, rows[pageSize - 1].Name);
        }

        return output;
    }

    private static JsonObject Spec(ResourceKind kind, JsonObject input)
    {
        var spec = input["spec"] as JsonObject ?? new JsonObject(); // only read and serialized, never changed
        var violations = SpecRules.Check(kind, spec);
        if (violations.Count > 0)
        {
            throw AppMeshException.BadRequest(string.Join(" ", violations));
        }

        return spec;
    }

    /// <summary>The mesh and parent a new resource lives in (none for a mesh).</summary>
    private static IEnumerable<ResourceKey> Containers(ResourceKey key)
    {
        if (key.Kind.IsMesh)
        {
            yield break;
        }

        yield return key.MeshKey;
        if (key.Kind.Parent is not null)
        {
            yield return key.ParentKey;
        }
    }

    private List<(ResourceReference Reference, ResourceKey Target, ResourceWriteStatements.Result<bool> Exists)> LockReferences(
        PipelinedTransaction tx, ResourceKey key, IReadOnlyList<ResourceReference> references) =>
        references.Select(reference =>
        {
            var target = new ResourceKey(reference.Kind, key.MeshName, "", reference.Name);
            return (reference, target, statements.LockSharedAndCheckExists(tx, target));
        }).ToList();

    /// <summary>The storage keys of the references, once every target was found.</summary>
    private static string[] RequireReferences(List<(ResourceReference Reference, ResourceKey Target, ResourceWriteStatements.Result<bool> Exists)> targets)
    {
        foreach (var (reference, target, exists) in targets)
        {
            RequireFound(exists, AppMeshException.NotFound($"{reference.Path}: the {target.Describe()} does not exist."));
        }

        return targets.Select(t => t.Reference.StorageKey).ToArray();
    }

    private static void RequireFound(ResourceWriteStatements.Result<bool> exists, AppMeshException otherwise)
    {
        if (!exists.Value)
        {
            throw otherwise;
        }
    }

    private void RecordToken(PipelinedTransaction tx, ClientToken? token, JsonObject output)
    {
        if (token is not null)
        {
            statements.InsertToken(tx, token.Digest, token.Operation, token.RequestHash, output.ToJsonString(), time.GetUtcNow());
        }
    }

    // Two requests with one token: the later one's token insert fails once the first commits; its retry then finds the
    // first's record and replays (same input) or refuses (other input).
    private static bool RacingToken(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "idempotency_tokens_pkey" };

    /// <summary>The error for a nextToken this service did not issue for this listing.</summary>
    internal static AppMeshException InvalidNextToken() => AppMeshException.BadRequest(
        "nextToken: the token is not valid for this request (it was altered, or it belongs to another listing).");

    private static AppMeshException NotFound(ResourceKey key) =>
        AppMeshException.NotFound($"The {key.Describe()} does not exist.");

    // App Mesh reports times with millisecond precision; truncating here keeps stored and returned values equal.
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }
}
