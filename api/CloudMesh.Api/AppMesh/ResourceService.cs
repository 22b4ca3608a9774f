using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Errors;
using CloudMesh.Api.Core.Paging;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Api.Core.Tenancy;
using CloudMesh.Api.Persistence;
using CloudMesh.Api.Persistence.Entities;
using CloudMesh.Api.Throttling;

namespace CloudMesh.Api.AppMesh;

/// <summary>
/// Create, describe, update, delete and list for every resource kind, with App Mesh's rules: the enclosing mesh and
/// parent must exist, references must resolve, quotas hold, names are unique, and nothing that others still use or
/// contain can be deleted. Writes run in one transaction each; locks order concurrent writers so that the rules hold
/// under concurrency too (see <see cref="ResourceQueries"/>). Write methods only stage their changes in the context:
/// the dispatcher saves them, with the clientToken record, in one batch.
/// </summary>
public sealed class ResourceService(
    CloudMeshDbContext db,
    ResourceQueries queries,
    ResourceRenderer renderer,
    PageTokenCodec pageTokens,
    TenantLimitsProvider limits,
    TimeProvider time)
{
    private const int DefaultPageSize = 100;

    private string Account => db.CurrentAccountId!;

    /// <summary>Creates a resource (inside the caller's transaction).</summary>
    public async Task<JsonObject> CreateAsync(ResourceKind kind, JsonObject input, CancellationToken ct)
    {
        var key = InputMembers.KeyOf(kind, input);
        var spec = Spec(kind, input);
        var tags = InputMembers.Tags(input["tags"]);

        // Share locks on what the new resource depends on are held to commit, so none of it can be deleted meanwhile.
        await RequireContainersAsync(key, ct);
        var references = await RequireReferencesAsync(key, spec, ct);
        var quotas = (await limits.GetAsync(db, Account, ct)).Quotas;

        // Creates in one container are serialized so that the quota count and the uniqueness check are exact;
        // the section holds as few round trips as possible (count and name check are one query).
        await queries.LockKeyAsync($"container|{kind.Name}|{key.MeshName}|{key.ParentName}", ct);
        var (count, exists) = await queries.CountAndFindNameAsync(key, ct);
        if (exists)
        {
            throw AppMeshException.Conflict($"The {key.Describe()} already exists.");
        }

        var limit = quotas.LimitFor(kind);
        if (count >= limit)
        {
            throw new AppMeshException(AppMeshErrorCode.LimitExceeded,
                $"Cannot create the {key.Describe()}: the limit of {limit} {TenantQuotas.DescribeLimit(kind)} has been reached.");
        }

        var now = Now();
        var entity = new ResourceEntity
        {
            Id = Guid.CreateVersion7(),
            AccountId = Account, // rendered before the save that would stamp it
            Kind = kind.Name,
            MeshName = key.MeshName,
            ParentName = key.ParentName,
            Name = key.Name,
            Spec = spec.ToJsonString(),
            Tags = tags.ToJsonString(),
            Refs = references,
            Version = 1,
            Uid = Guid.NewGuid().ToString(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Resources.Add(entity); // saved with everything else the operation writes (OperationDispatcher)
        return new JsonObject { [kind.Name] = renderer.Data(entity) };
    }

    /// <summary>Describes a resource.</summary>
    public async Task<JsonObject> DescribeAsync(ResourceKind kind, JsonObject input, CancellationToken ct)
    {
        var key = InputMembers.KeyOf(kind, input);
        var entity = await queries.FindAsync(key, ct) ?? throw NotFound(key);
        return new JsonObject { [kind.Name] = renderer.Data(entity) };
    }

    /// <summary>Replaces a resource's spec; the version goes up by exactly one (inside the caller's transaction).</summary>
    public async Task<JsonObject> UpdateAsync(ResourceKind kind, JsonObject input, CancellationToken ct)
    {
        var key = InputMembers.KeyOf(kind, input);
        var entity = await queries.LockForUpdateAsync(key, ct) ?? throw NotFound(key);
        var spec = Spec(kind, input);
        var references = await RequireReferencesAsync(key, spec, ct);

        entity.Spec = spec.ToJsonString();
        entity.Refs = references;
        entity.Version++;
        entity.UpdatedAt = Now();
        return new JsonObject { [kind.Name] = renderer.Data(entity) };
    }

    /// <summary>Deletes a resource unless something still uses or contains it (inside the caller's transaction).</summary>
    public async Task<JsonObject> DeleteAsync(ResourceKind kind, JsonObject input, CancellationToken ct)
    {
        var key = InputMembers.KeyOf(kind, input);
        await queries.LockIdentityExclusiveAsync(key, ct); // waits for writers that depend on this resource
        var entity = await queries.LockForUpdateAsync(key, ct) ?? throw NotFound(key);
        await RequireUnusedAsync(key, ct);

        db.Resources.Remove(entity);
        return new JsonObject { [kind.Name] = renderer.Data(entity, "DELETED") };
    }

    /// <summary>Lists one page of resources of a kind in their container.</summary>
    public async Task<JsonObject> ListAsync(AppMeshOperation operation, JsonObject input, CancellationToken ct)
    {
        var kind = operation.Kind!;
        var meshName = kind.IsMesh ? "" : InputMembers.Required(input, "meshName");
        var parentName = kind.Parent is { } p ? InputMembers.Required(input, p.NameMember) : "";
        if (!kind.IsMesh)
        {
            var probe = new ResourceKey(kind, meshName, parentName, "");
            await RequireExistsAsync(probe.MeshKey, ct);
            if (kind.Parent is not null)
            {
                await RequireExistsAsync(probe.ParentKey, ct);
            }
        }

        var scope = $"{Account}|{operation.Name}|{meshName}|{parentName}";
        string? after = null;
        if (InputMembers.String(input, "nextToken") is { } token && !pageTokens.TryDecode(scope, token, out after))
        {
            throw InvalidNextToken();
        }

        var pageSize = InputMembers.Int(input, "limit") ?? DefaultPageSize;
        var rows = await queries.PageAsync(kind, meshName, parentName, after, pageSize + 1, ct);
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

    private async Task RequireContainersAsync(ResourceKey key, CancellationToken ct)
    {
        if (key.Kind.IsMesh)
        {
            return;
        }

        if (!await queries.LockExistingForShareAsync(key.MeshKey, ct))
        {
            throw NotFound(key.MeshKey);
        }

        if (key.Kind.Parent is not null && !await queries.LockExistingForShareAsync(key.ParentKey, ct))
        {
            throw NotFound(key.ParentKey);
        }
    }

    private async Task<string[]> RequireReferencesAsync(ResourceKey key, JsonObject spec, CancellationToken ct)
    {
        var references = ResourceReferences.Extract(key.Kind, spec);
        var keys = new string[references.Count];
        for (var i = 0; i < references.Count; i++)
        {
            var reference = references[i];
            var target = new ResourceKey(reference.Kind, key.MeshName, "", reference.Name);
            if (!await queries.LockExistingForShareAsync(target, ct))
            {
                throw AppMeshException.NotFound($"{reference.Path}: the {target.Describe()} does not exist.");
            }

            keys[i] = reference.StorageKey;
        }

        return keys;
    }

    private async Task RequireExistsAsync(ResourceKey key, CancellationToken ct)
    {
        if (await queries.FindAsync(key, ct) is null)
        {
            throw NotFound(key);
        }
    }

    private async Task RequireUnusedAsync(ResourceKey key, CancellationToken ct)
    {
        if (key.Kind.IsMesh)
        {
            var contents = await queries.ContentsOfMeshAsync(key.MeshName, ct);
            if (contents.Count > 0)
            {
                var list = string.Join(", ", contents.Select(c => $"{c.Count} {c.Kind}(s)"));
                throw AppMeshException.InUse($"The mesh '{key.MeshName}' still contains {list}; delete them before deleting the mesh.");
            }

            return;
        }

        var child = ResourceKinds.All.FirstOrDefault(k => k.Parent == key.Kind);
        if (child is not null && await queries.CountAsync(child, key.MeshName, key.Name, ct) is var children and > 0)
        {
            throw AppMeshException.InUse($"The {key.Describe()} still has {children} {child.Name}(s); delete them first.");
        }

        if (key.Kind.Parent is null)
        {
            var referrers = await queries.ReferrersAsync(key.MeshName, ResourceReference.StorageKeyOf(key.Kind, key.Name), 5, ct);
            if (referrers.Count > 0)
            {
                var names = string.Join(", ", referrers.Select(r => ResourceRenderer.KeyOf(r).Describe()));
                throw AppMeshException.InUse($"The {key.Describe()} is in use by {names}; remove those references first.");
            }
        }
    }

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
