using System.Text.Json.Nodes;

namespace CloudMesh.Conformance.Tests.Infrastructure;

/// <summary>Short, failure-friendly reads of report JSON.</summary>
public static class Json
{
    /// <summary>The string at <paramref name="path"/> (dot-separated members), failing with the document when absent.</summary>
    public static string Str(this JsonNode? node, string path) => At(node, path).GetValue<string>();

    /// <summary>The number at <paramref name="path"/> as a double.</summary>
    public static double Num(this JsonNode? node, string path) => At(node, path).GetValue<double>();

    /// <summary>The integer at <paramref name="path"/>.</summary>
    public static long Int(this JsonNode? node, string path) => At(node, path).GetValue<long>();

    /// <summary>The node at <paramref name="path"/> (dot-separated members; numeric parts index arrays).</summary>
    public static JsonNode At(this JsonNode? node, string path)
    {
        ArgumentNullException.ThrowIfNull(node);
        JsonNode? current = node;
        foreach (var part in path.Split('.'))
        {
            current = current is JsonArray array && int.TryParse(part, out var index) ? array[index] : current?[part];
            if (current is null)
            {
                throw new InvalidOperationException($"No '{path}' (missing '{part}') in {node.ToJsonString()}");
            }
        }

        return current!;
    }

    /// <summary>The strings of an array.</summary>
    public static List<string> Strings(this JsonNode? node, string path) =>
        At(node, path).AsArray().Select(n => n!.GetValue<string>()).ToList();
}
