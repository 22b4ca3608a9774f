using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.AppMesh.Model;

namespace CloudMesh.Sdk.Resources;

/// <summary>
/// The App Mesh API seen kind-generically, through the typed SDK: list, describe, create, update, delete and tag any
/// resource by <see cref="ResourceKey"/>, with specs and documents as the API's JSON (the SDK's <see cref="AppMeshJson"/>
/// wire form). The one adapter to the API of the tools built on the SDK (the CLI, the Pulumi provider): they only speak
/// JSON and keys.
/// </summary>
public sealed partial class MeshResources(IAmazonAppMesh client) : IDisposable
{
    /// <summary>The page size for listing; the API's maximum.</summary>
    private const int PageSize = 100;

    /// <summary>
    /// Lists the references of one kind: every mesh, or a mesh's resources; for routes and gateway routes the given
    /// parent's, or every parent's when <paramref name="parent"/> is null.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> ListAsync(ResourceKind kind, string? mesh, string? parent, CancellationToken ct)
    {
        if (kind.Parent is { } parentKind && parent is null)
        {
            var all = new List<JsonObject>();
            foreach (var parentRef in await ListAsync(parentKind, mesh, null, ct))
            {
                all.AddRange(await ListAsync(kind, mesh, parentRef[parentKind.NameMember]!.GetValue<string>(), ct));
            }

            return all;
        }

        var items = new List<JsonObject>();
        string? next = null;
        do
        {
            var (page, token) = await ListPageAsync(kind, mesh ?? "", parent ?? "", next, ct);
            items.AddRange(page);
            next = token;
        }
        while (next is not null);
        return items;
    }

    /// <summary>Describes one resource: its data document (name, metadata, spec, status).</summary>
    /// <param name="key">The resource.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <param name="meshOwner">The account that owns a shared mesh; null for the caller's own (ignored for meshes).</param>
    public Task<JsonObject> DescribeAsync(ResourceKey key, CancellationToken ct, string? meshOwner = null) => DescribeDataAsync(key, meshOwner, ct);

    /// <summary>Creates a resource with <paramref name="spec"/> and tags; returns its data document.</summary>
    /// <param name="key">The resource.</param>
    /// <param name="spec">The spec, as the API's JSON.</param>
    /// <param name="tags">The tags to create it with, if any.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <param name="meshOwner">The account that owns a shared mesh; null for the caller's own (ignored for meshes).</param>
    public Task<JsonObject> CreateAsync(ResourceKey key, JsonObject spec, IReadOnlyDictionary<string, string>? tags, CancellationToken ct, string? meshOwner = null) =>
        CreateDataAsync(key, spec, tags is null ? null : [.. tags.Select(t => new TagRef { Key = t.Key, Value = t.Value })], meshOwner, ct);

    /// <summary>Replaces a resource's spec; returns its data document.</summary>
    /// <param name="key">The resource.</param>
    /// <param name="spec">The new spec, as the API's JSON.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <param name="meshOwner">The account that owns a shared mesh; null for the caller's own (ignored for meshes).</param>
    public Task<JsonObject> UpdateAsync(ResourceKey key, JsonObject spec, CancellationToken ct, string? meshOwner = null) => UpdateDataAsync(key, spec, meshOwner, ct);

    /// <summary>Deletes a resource.</summary>
    /// <param name="key">The resource.</param>
    /// <param name="ct">Cancels the call.</param>
    /// <param name="meshOwner">The account that owns a shared mesh; null for the caller's own (ignored for meshes).</param>
    public Task DeleteAsync(ResourceKey key, CancellationToken ct, string? meshOwner = null) => DeleteDataAsync(key, meshOwner, ct);

    /// <summary>Reads a resource's tags.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TagsAsync(string arn, CancellationToken ct)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var tag in client.Paginators.ListTagsForResource(new ListTagsForResourceRequest { ResourceArn = arn }).Tags.WithCancellation(ct))
        {
            if (tag.Key is { } key)
            {
                tags[key] = tag.Value ?? "";
            }
        }

        return tags;
    }

    /// <summary>Makes a resource's tags exactly <paramref name="desired"/>: tags what is new or changed, untags what is gone.</summary>
    public async Task SetTagsAsync(string arn, IReadOnlyDictionary<string, string> desired, IReadOnlyDictionary<string, string> current, CancellationToken ct)
    {
        var removed = current.Keys.Where(k => !desired.ContainsKey(k)).ToList();
        var changed = desired.Where(t => !current.TryGetValue(t.Key, out var v) || v != t.Value)
            .Select(t => new TagRef { Key = t.Key, Value = t.Value }).ToList();
        if (removed.Count > 0)
        {
            await client.UntagResourceAsync(new UntagResourceRequest { ResourceArn = arn, TagKeys = removed }, ct);
        }

        if (changed.Count > 0)
        {
            await client.TagResourceAsync(new TagResourceRequest { ResourceArn = arn, Tags = changed }, ct);
        }
    }

    /// <summary>The client, for what the kind-generic view does not cover.</summary>
    public IAmazonAppMesh Client => client;

    /// <inheritdoc />
    public void Dispose() => client.Dispose();
}
