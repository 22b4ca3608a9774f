using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Pulumi.Provider.Resources;

/// <summary>A resource's checked inputs, read from the JSON that Check returned and the engine passes back.</summary>
/// <param name="Kind">The App Mesh kind.</param>
/// <param name="Name">The resource's name.</param>
/// <param name="MeshName">The mesh (for a mesh, its own name).</param>
/// <param name="ParentName">The router or gateway of a route or gateway route; empty otherwise.</param>
/// <param name="MeshOwner">The account owning a shared mesh, when given.</param>
/// <param name="Spec">The spec as the API's JSON (an empty object when absent).</param>
/// <param name="Tags">The tags, or null when the inputs declare none.</param>
internal sealed record ResourceInputs(
    ResourceKind Kind, string Name, string MeshName, string ParentName, string? MeshOwner, JsonObject Spec, IReadOnlyDictionary<string, string>? Tags)
{
    /// <summary>The API's key of the resource.</summary>
    public ResourceKey Key => new(Kind, MeshName, ParentName, Name);

    /// <summary>Reads checked inputs; a missing identity member is a caller error (inputs must have passed Check).</summary>
    /// <exception cref="ArgumentException">A required property is missing or not a string.</exception>
    public static ResourceInputs From(ResourceKind kind, JsonObject inputs)
    {
        var name = Required(inputs, "name");
        var mesh = kind.IsMesh ? name : Required(inputs, "meshName");
        var parent = ResourceTypes.ParentProperty(kind) is { } property ? Required(inputs, property) : "";
        var owner = inputs["meshOwner"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var tags = inputs["tags"] is JsonObject t
            ? t.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal)
            : null;
        return new ResourceInputs(kind, name, mesh, parent, owner, inputs["spec"]?.DeepClone() as JsonObject ?? [], tags);
    }

    private static string Required(JsonObject inputs, string property) =>
        inputs[property] is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new ArgumentException($"The inputs lack the string property '{property}' (were they checked?).");
}
