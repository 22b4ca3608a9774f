using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMesh.Cli.Planning;

/// <summary>
/// Compares specs canonically and lists their leaf differences. Canonical means: member order does not matter,
/// numbers compare by value (<c>1</c> = <c>1.0</c>), and a null member, an empty list and an absent member are the
/// same (App Mesh returns empty lists for members that were never set).
/// </summary>
internal static class SpecDiff
{
    /// <summary>The leaf differences from <paramref name="before"/> to <paramref name="after"/>; empty when equal.</summary>
    internal static List<SpecChange> Compare(JsonNode? before, JsonNode? after)
    {
        var changes = new List<SpecChange>();
        Walk("", Present(before), Present(after), changes);
        return changes;
    }

    private static void Walk(string path, JsonNode? before, JsonNode? after, List<SpecChange> changes)
    {
        switch (before, after)
        {
            case (null, null):
                return;
            case (JsonObject b, JsonObject a):
                foreach (var name in b.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    Walk(Member(path, name), Present(b[name]), Present(a[name]), changes);
                }

                return;
            case (JsonArray b, JsonArray a):
                for (var i = 0; i < Math.Max(b.Count, a.Count); i++)
                {
                    Walk($"{path}[{i}]", i < b.Count ? Present(b[i]) : null, i < a.Count ? Present(a[i]) : null, changes);
                }

                return;
            case (null, _):
                Leaves(path, after!, added: true, changes);
                return;
            case (_, null):
                Leaves(path, before!, added: false, changes);
                return;
            case (JsonValue b, JsonValue a) when ScalarsEqual(b, a):
                return;
            default:
                changes.Add(new SpecChange(path, before!.DeepClone(), after!.DeepClone()));
                return;
        }
    }

    /// <summary>Every leaf under an added or removed member; an empty object is a leaf of its own.</summary>
    private static void Leaves(string path, JsonNode node, bool added, List<SpecChange> changes)
    {
        switch (node)
        {
            case JsonObject { Count: > 0 } obj:
                foreach (var (name, child) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (Present(child) is { } present)
                    {
                        Leaves(Member(path, name), present, added, changes);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Present(array[i]) is { } present)
                    {
                        Leaves($"{path}[{i}]", present, added, changes);
                    }
                }

                break;
            default:
                var copy = node.DeepClone();
                changes.Add(added ? new SpecChange(path, null, copy) : new SpecChange(path, copy, null));
                break;
        }
    }

    /// <summary>The node, or null when it counts as absent (null, or an empty list).</summary>
    private static JsonNode? Present(JsonNode? node) => node is JsonArray { Count: 0 } ? null : node;

    private static string Member(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static bool ScalarsEqual(JsonValue before, JsonValue after)
    {
        var kind = before.GetValueKind();
        if (kind != after.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.String => before.GetValue<string>() == after.GetValue<string>(),
            JsonValueKind.Number => NumbersEqual(before.ToJsonString(), after.ToJsonString()),
            _ => true, // true, false: the kind is the value
        };
    }

    private static bool NumbersEqual(string before, string after)
    {
        if (decimal.TryParse(before, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            && decimal.TryParse(after, NumberStyles.Float, CultureInfo.InvariantCulture, out var a))
        {
            return a == b;
        }

        return double.Parse(before, CultureInfo.InvariantCulture) == double.Parse(after, CultureInfo.InvariantCulture);
    }
}
