using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMesh.Kubernetes.Client;

/// <summary>Reading the common members of objects kept as JSON: metadata, labels, annotations, conditions.</summary>
public static class KubernetesObjects
{
    /// <summary>metadata.name (empty when absent).</summary>
    public static string Name(JsonObject obj) => String(obj["metadata"]?["name"]) ?? "";

    /// <summary>metadata.namespace, null for a cluster-scoped object.</summary>
    public static string? Namespace(JsonObject obj) => String(obj["metadata"]?["namespace"]);

    /// <summary>metadata.resourceVersion.</summary>
    public static string? ResourceVersion(JsonObject obj) => String(obj["metadata"]?["resourceVersion"]);

    /// <summary>metadata.generation (0 when absent).</summary>
    public static long Generation(JsonObject obj) =>
        obj["metadata"]?["generation"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var g) ? g : 0;

    /// <summary>Whether metadata.deletionTimestamp is set: the object is being deleted and waits for its finalizers.</summary>
    public static bool IsBeingDeleted(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    /// <summary>metadata.finalizers.</summary>
    public static IReadOnlyList<string> Finalizers(JsonObject obj) => Strings(obj["metadata"]?["finalizers"]);

    /// <summary>metadata.labels (empty when absent).</summary>
    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj) => Map(obj["metadata"]?["labels"]);

    /// <summary>metadata.annotations (empty when absent).</summary>
    public static IReadOnlyDictionary<string, string> Annotations(JsonObject obj) => Map(obj["metadata"]?["annotations"]);

    /// <summary>The cache key: <c>namespace/name</c>, or <c>name</c> for a cluster-scoped object.</summary>
    public static string Key(JsonObject obj) => Namespace(obj) is { Length: > 0 } ns ? $"{ns}/{Name(obj)}" : Name(obj);

    /// <summary>The status condition of <paramref name="type"/>, if any.</summary>
    public static JsonObject? Condition(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => String(c["type"]) == type);

    /// <summary>Whether condition <paramref name="type"/> has status <c>True</c>.</summary>
    public static bool IsConditionTrue(JsonObject obj, string type) => String(Condition(obj, type)?["status"]) == "True";

    /// <summary>A string value, or null when absent or not a string.</summary>
    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(String).OfType<string>().ToList() : [];

    private static IReadOnlyDictionary<string, string> Map(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (String(value) is { } text)
                {
                    map[key] = text;
                }
            }
        }

        return map;
    }
}
