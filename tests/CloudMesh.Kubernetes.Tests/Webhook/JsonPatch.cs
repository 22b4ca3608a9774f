using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudMesh.Kubernetes.Tests.Webhook;

/// <summary>
/// A small RFC 6902 JSON patch applier (add, remove, replace, test) for checking what the API server would store:
/// the webhook's patch is applied exactly as written, so a wrong path or a missing parent fails the test.
/// </summary>
internal static class JsonPatch
{
    internal static JsonObject Apply(JsonObject document, JsonArray patch)
    {
        var result = (JsonObject)document.DeepClone();
        foreach (var operation in patch.Cast<JsonObject>())
        {
            var op = operation["op"]!.GetValue<string>();
            var path = operation["path"]!.GetValue<string>();
            var (parent, token) = Resolve(result, path);
            switch (op)
            {
                case "add":
                    Add(parent, token, operation["value"]!.DeepClone());
                    break;
                case "replace":
                    Remove(parent, token);
                    Add(parent, token, operation["value"]!.DeepClone());
                    break;
                case "remove":
                    Remove(parent, token);
                    break;
                case "test":
                    var actual = parent is JsonObject o ? o[token] : ((JsonArray)parent)[int.Parse(token, CultureInfo.InvariantCulture)];
                    if (!JsonNode.DeepEquals(actual, operation["value"]))
                    {
                        throw new InvalidOperationException($"test failed at {path}");
                    }

                    break;
                default:
                    throw new InvalidOperationException($"unsupported op {op}");
            }
        }

        return result;
    }

    private static (JsonNode Parent, string Token) Resolve(JsonObject root, string path)
    {
        if (!path.StartsWith('/'))
        {
            throw new InvalidOperationException($"'{path}' is not a JSON pointer");
        }

        var tokens = path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode current = root;
        foreach (var token in tokens[..^1])
        {
            current = current switch
            {
                JsonObject obj => obj[token] ?? throw new InvalidOperationException($"{path}: no member '{token}'"),
                JsonArray array => array[int.Parse(token, CultureInfo.InvariantCulture)] ?? throw new InvalidOperationException($"{path}: null at {token}"),
                _ => throw new InvalidOperationException($"{path}: cannot descend into a value"),
            };
        }

        return (current, tokens[^1]);
    }

    private static void Add(JsonNode parent, string token, JsonNode value)
    {
        switch (parent)
        {
            case JsonObject obj:
                obj[token] = value;
                break;
            case JsonArray array when token == "-":
                array.Add(value);
                break;
            case JsonArray array:
                var index = int.Parse(token, CultureInfo.InvariantCulture);
                if (index > array.Count)
                {
                    throw new InvalidOperationException($"index {index} out of range");
                }

                array.Insert(index, value);
                break;
            default:
                throw new InvalidOperationException("cannot add into a value");
        }
    }

    private static void Remove(JsonNode parent, string token)
    {
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(token):
                obj.Remove(token);
                break;
            case JsonArray array:
                array.RemoveAt(int.Parse(token, CultureInfo.InvariantCulture));
                break;
            default:
                throw new InvalidOperationException($"nothing to remove at '{token}'");
        }
    }
}
