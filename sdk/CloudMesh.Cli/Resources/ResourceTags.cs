using System.Text.Json.Nodes;

namespace CloudMesh.Cli.Resources;

/// <summary>Tags as the CLI shows them: a key-to-value mapping.</summary>
internal static class ResourceTags
{
    /// <summary>The tags as a JSON object, keys in order.</summary>
    public static JsonObject ToJson(IReadOnlyDictionary<string, string> tags) =>
        new(tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value)));
}
