using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Cli.Planning;

/// <summary>One resource's part in a plan.</summary>
/// <param name="Action">Create, update, delete or leave alone.</param>
/// <param name="Id">The resource.</param>
/// <param name="Before">The existing spec; <c>null</c> for a create.</param>
/// <param name="After">The declared spec, to send on create or update; <c>null</c> for a delete.</param>
/// <param name="Changes">Leaf differences of the spec (for a create, every declared leaf as added); empty otherwise.</param>
/// <param name="TagChanges">Tag differences when the manifests declare the resource's tags (for a create, every tag as added).</param>
public sealed record PlanStep(
    PlanAction Action,
    ResourceKey Id,
    JsonObject? Before,
    JsonObject? After,
    IReadOnlyList<SpecChange> Changes,
    IReadOnlyList<TagChange> TagChanges)
{
    /// <summary>Whether an update changes the spec (UpdateXxx); an update may change only tags (TagResource/UntagResource).</summary>
    public bool SpecChanged => Action == PlanAction.Update && Changes.Count > 0;

    /// <summary>Tags to set: on a create, all declared tags; on an update, the added and changed ones.</summary>
    public IReadOnlyDictionary<string, string> TagsToSet =>
        TagChanges.Where(c => c.After is not null).ToDictionary(c => c.Key, c => c.After!, StringComparer.Ordinal);

    /// <summary>Tag keys to remove on an update.</summary>
    public IReadOnlyList<string> TagKeysToRemove => TagChanges.Where(c => c.After is null).Select(c => c.Key).ToList();
}
