using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Manifests;

/// <summary>One App Mesh resource as the manifests declare it, in the API's wire shape and ready to send.</summary>
/// <param name="Id">Kind, mesh, parent (router or gateway; empty for other kinds, as in <see cref="ResourceKey"/>) and name.</param>
/// <param name="Spec">The <c>XxxSpec</c> object in the API's JSON shape (camelCase members).</param>
/// <param name="Tags">The tags to keep on the resource; <c>null</c> when the manifests do not manage its tags.</param>
/// <param name="Location">Where the resource is declared (its name in the native form, its document for Kubernetes).</param>
public sealed record DesiredResource(
    ResourceKey Id,
    JsonObject Spec,
    IReadOnlyDictionary<string, string>? Tags,
    SourceLocation Location)
{
    /// <summary>
    /// Where each member of <see cref="Spec"/> (<c>spec.listeners[0].portMapping.port</c>) and each tag
    /// (<c>tags.team</c>) is written; paths without a recorded position fall back to the nearest ancestor.
    /// </summary>
    public MemberLocationMap Members { get; init; } = MemberLocationMap.Empty(Location);
}
