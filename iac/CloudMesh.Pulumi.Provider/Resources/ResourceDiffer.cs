using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Pulumi.Provider.Properties;
using Pulumirpc;

namespace CloudMesh.Pulumi.Provider.Resources;

/// <summary>
/// Diff for resources: compares old inputs with new inputs property by property. Identity properties (name, mesh,
/// owner, parent) replace the resource; spec and tags update in place. The detailed diff names the deepest paths that
/// changed (<c>spec.listeners[0].portMapping.port</c>, <c>tags.env</c>). An absent spec or tags map and an empty one
/// are the same (the API answers <c>{}</c> for both), and <c>meshOwner</c> is compared by the account it resolves to.
/// </summary>
internal static class ResourceDiffer
{
    /// <summary>Computes the engine's diff response.</summary>
    /// <param name="kind">The resource's kind.</param>
    /// <param name="olds">The old inputs (or, from engines that send none, the old outputs).</param>
    /// <param name="oldOutputs">The old outputs (the state's resolved <c>meshOwner</c> and <c>resourceOwner</c>).</param>
    /// <param name="news">The new, checked inputs.</param>
    /// <param name="ignoreChanges">Property paths the program asked to ignore.</param>
    public static DiffResponse Diff(ResourceKind kind, JsonObject olds, JsonObject oldOutputs, JsonObject news, IEnumerable<string> ignoreChanges)
    {
        var ignored = ignoreChanges.ToList();
        var replaceProperties = ResourceTypes.ReplaceProperties(kind);
        var detailed = new Dictionary<string, PropertyDiff.Types.Kind>(StringComparer.Ordinal);
        foreach (var property in ResourceTypes.InputProperties(kind))
        {
            var replaces = replaceProperties.Contains(property);
            switch (property)
            {
                case "meshOwner":
                    CompareOwner(olds[property], oldOutputs, news[property], detailed);
                    break;
                case "spec" or "tags" when PropertyValues.IsEmptyOrAbsent(olds[property]) && PropertyValues.IsEmptyOrAbsent(news[property]):
                    break;
                default:
                    Compare(olds[property], news[property], property, replaces, detailed);
                    break;
            }
        }

        foreach (var path in detailed.Keys.Where(p => ignored.Any(i => PropertyPath.IsWithin(p, i))).ToList())
        {
            detailed.Remove(path);
        }

        var response = new DiffResponse
        {
            Changes = detailed.Count > 0 ? DiffResponse.Types.DiffChanges.DiffSome : DiffResponse.Types.DiffChanges.DiffNone,
            HasDetailedDiff = true,
            DeleteBeforeReplace = false,
        };
        var topLevel = detailed.Keys.Select(TopLevel).Distinct(StringComparer.Ordinal).ToList();
        response.Diffs.AddRange(topLevel);
        response.Replaces.AddRange(topLevel.Where(replaceProperties.Contains));
        foreach (var (path, change) in detailed)
        {
            response.DetailedDiff[path] = new PropertyDiff { Kind = change, InputDiff = true };
        }

        return response;
    }

    /// <summary>
    /// The mesh owner left out means the caller's own account (the state's <c>resourceOwner</c>), and the state's
    /// <c>meshOwner</c> is the account the resource lives in: naming one's own account explicitly, or no longer naming
    /// it, changes nothing, while any change of the account the mesh belongs to replaces the resource.
    /// </summary>
    private static void CompareOwner(JsonNode? oldInput, JsonObject oldOutputs, JsonNode? newInput, Dictionary<string, PropertyDiff.Types.Kind> detailed)
    {
        if (PropertyValues.ContainsUnknown(newInput))
        {
            Compare(oldInput, newInput, "meshOwner", true, detailed);
            return;
        }

        var oldOwner = Text(oldOutputs["meshOwner"]) ?? Text(oldInput);
        var newOwner = Text(newInput) ?? Text(oldOutputs["resourceOwner"]);
        if (newOwner is null || oldOwner == newOwner || (oldOwner is null && JsonNode.DeepEquals(oldInput, newInput)))
        {
            return;
        }

        detailed["meshOwner"] = (oldInput, newInput) switch
        {
            (null, not null) => PropertyDiff.Types.Kind.AddReplace,
            (not null, null) => PropertyDiff.Types.Kind.DeleteReplace,
            _ => PropertyDiff.Types.Kind.UpdateReplace,
        };
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && !PropertyValues.IsUnknown(node) ? s : null;

    private static void Compare(JsonNode? old, JsonNode? @new, string path, bool replaces, Dictionary<string, PropertyDiff.Types.Kind> detailed)
    {
        if (JsonNode.DeepEquals(old, @new) && !PropertyValues.ContainsUnknown(@new))
        {
            return;
        }

        if (old is null || @new is null)
        {
            var added = old is null;
            detailed[path] = replaces
                ? added ? PropertyDiff.Types.Kind.AddReplace : PropertyDiff.Types.Kind.DeleteReplace
                : added ? PropertyDiff.Types.Kind.Add : PropertyDiff.Types.Kind.Delete;
            return;
        }

        switch (old, @new)
        {
            case (JsonObject o, JsonObject n) when !replaces:
                foreach (var key in o.Select(p => p.Key).Union(n.Select(p => p.Key)))
                {
                    Compare(o[key], n[key], PropertyPath.Key(path, key), replaces, detailed);
                }

                break;
            case (JsonArray o, JsonArray n) when !replaces:
                for (var i = 0; i < Math.Max(o.Count, n.Count); i++)
                {
                    Compare(i < o.Count ? o[i] : null, i < n.Count ? n[i] : null, PropertyPath.Index(path, i), replaces, detailed);
                }

                break;
            default:
                detailed[path] = replaces ? PropertyDiff.Types.Kind.UpdateReplace : PropertyDiff.Types.Kind.Update;
                break;
        }
    }

    private static string TopLevel(string path)
    {
        var end = path.IndexOfAny(['.', '[']);
        return end < 0 ? path : path[..end];
    }
}
