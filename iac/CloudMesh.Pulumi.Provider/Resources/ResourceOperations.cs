using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Sdk.Resources;

namespace CloudMesh.Pulumi.Provider.Resources;

/// <summary>
/// The resource lifecycle against the App Mesh API, through the SDK's kind-generic <see cref="MeshResources"/>: create,
/// read, update, delete and get, each returning the resource's Pulumi outputs. A resource's id is its ARN.
/// </summary>
/// <remarks>Thread-safe: it holds only the (thread-safe) SDK client.</remarks>
internal sealed class ResourceOperations(MeshResources api)
{
    /// <summary>Creates the resource with its spec and tags; returns its ARN and outputs.</summary>
    public async Task<(string Id, JsonObject Outputs)> CreateAsync(ResourceInputs inputs, CancellationToken ct)
    {
        var data = await api.CreateAsync(inputs.Key, inputs.Spec, inputs.Tags is { Count: > 0 } tags ? tags : null, ct, inputs.MeshOwner);
        var outputs = ResourceOutputs.From(inputs.Kind, data, inputs.Tags);
        return (Arn(outputs), outputs);
    }

    /// <summary>
    /// Reads the resource an id names, or null when it no longer exists.
    /// </summary>
    /// <exception cref="ArgumentException">The id is not the ARN of a resource of <paramref name="kind"/>.</exception>
    public async Task<JsonObject?> ReadAsync(ResourceKind kind, string id, CancellationToken ct)
    {
        var (key, owner) = ParseId(kind, id);
        JsonObject data;
        try
        {
            data = await api.DescribeAsync(key, ct, owner);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }

        var outputs = ResourceOutputs.From(kind, data, null);
        var tags = await api.TagsAsync(Arn(outputs), ct);
        return ResourceOutputs.From(kind, data, tags);
    }

    /// <summary>Reads a resource by its names (the get functions), or null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(ResourceKey key, string? meshOwner, CancellationToken ct)
    {
        JsonObject data;
        try
        {
            data = await api.DescribeAsync(key, ct, meshOwner);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return null;
        }

        var arn = ResourceOutputs.From(key.Kind, data, null)["arn"]!.GetValue<string>();
        return ResourceOutputs.From(key.Kind, data, await api.TagsAsync(arn, ct));
    }

    /// <summary>Replaces the spec and makes the tags exactly the inputs' (none when the inputs declare none).</summary>
    public async Task<JsonObject> UpdateAsync(string id, ResourceInputs inputs, CancellationToken ct)
    {
        var data = await api.UpdateAsync(inputs.Key, inputs.Spec, ct, inputs.MeshOwner);
        var desired = inputs.Tags ?? new Dictionary<string, string>();
        var current = await api.TagsAsync(id, ct);
        await api.SetTagsAsync(id, desired, current, ct);
        return ResourceOutputs.From(inputs.Kind, data, inputs.Tags);
    }

    /// <summary>Deletes the resource; one that is already gone counts as deleted (and returns false).</summary>
    public async Task<bool> DeleteAsync(ResourceKind kind, string id, CancellationToken ct)
    {
        var (key, owner) = ParseId(kind, id);
        try
        {
            await api.DeleteAsync(key, ct, owner);
            return true;
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            // Deleted outside Pulumi: the desired end state holds.
            return false;
        }
    }

    /// <summary>
    /// The key and mesh owner an id (an App Mesh ARN) names. The ARN's account is the mesh owner, which CloudMesh
    /// accepts as <c>meshOwner</c> whether or not it is the caller's own account.
    /// </summary>
    /// <exception cref="ArgumentException">The id is not an App Mesh ARN of a resource of <paramref name="kind"/>.</exception>
    public static (ResourceKey Key, string? Owner) ParseId(ResourceKind kind, string id)
    {
        if (!Api.Core.Resources.Arn.TryParse(id, out var parsed, out var error))
        {
            throw new ArgumentException($"'{id}' is not a {ResourceTypes.Token(kind)} id: {error} Ids are App Mesh ARNs, e.g. {Example(kind)}.");
        }

        if (parsed.Key.Kind != kind)
        {
            throw new ArgumentException($"'{id}' is the ARN of a {parsed.Key.Kind.Name}, not of a {kind.Name}: ids are App Mesh ARNs, e.g. {Example(kind)}.");
        }

        return (parsed.Key, kind.IsMesh ? null : parsed.AccountId);
    }

    private static string Example(ResourceKind kind) =>
        Api.Core.Resources.Arn.Format("us-east-1", "123456789012", new ResourceKey(kind, "my-mesh", kind.Parent is null ? "" : "my-" + kind.Parent.Name, kind.IsMesh ? "my-mesh" : "my-" + kind.Name));

    private static string Arn(JsonObject outputs) =>
        outputs["arn"]?.GetValue<string>() ?? throw new InvalidOperationException("The API's answer lacks the resource's ARN.");
}
