using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudMesh.Pulumi.Tests.Support;

/// <summary>Small JSON helpers for assertions.</summary>
public static partial class Json
{
    /// <summary>Parses a JSON object literal, replacing each <c>$name</c> with its value first.</summary>
    public static JsonObject Object(string json, params (string Name, string Value)[] values) =>
        JsonNode.Parse(values.Aggregate(json, (text, v) => text.Replace("$" + v.Name, v.Value, StringComparison.Ordinal)))!.AsObject();

    /// <summary>The value at a dotted path with indexes (<c>listeners[0].portMapping.port</c>), or null.</summary>
    public static JsonNode? At(JsonNode? node, string path)
    {
        foreach (Match step in Step().Matches(path))
        {
            node = step.Groups["index"].Success ? (node as JsonArray)?[int.Parse(step.Groups["index"].Value)] : (node as JsonObject)?[step.Groups["key"].Value];
        }

        return node;
    }

    /// <summary>The string at <paramref name="path"/> ("" when absent).</summary>
    public static string Text(JsonNode? node, string path) => At(node, path)?.ToJsonString().Trim('"') ?? "";

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)|\[(?<index>\d+)\]")]
    private static partial Regex Step();
}
