using System.Text.Json.Nodes;

namespace CloudMesh.AppMesh.Model.Tests;

/// <summary>
/// Builds the smallest value a shape accepts, from the model alone: required members only, the shortest allowed
/// strings, the lowest allowed numbers, the fewest list items, and the first member of a union.
/// </summary>
internal static class MinimalValue
{
    internal static JsonNode Build(ShapeModel shape) => Build(shape, depth: 0);

    /// <summary>Paths of every required member present in <paramref name="value"/>, depth first, in model order.</summary>
    internal static IEnumerable<string> RequiredPaths(ShapeModel shape, JsonNode value, string path = "")
    {
        switch (shape.Type)
        {
            case ShapeType.Structure:
                foreach (var member in shape.Members)
                {
                    if (value[member.Name] is not { } child)
                    {
                        continue;
                    }

                    var childPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
                    if (member.IsRequired)
                    {
                        yield return childPath;
                    }

                    foreach (var nested in RequiredPaths(member.Shape, child, childPath))
                    {
                        yield return nested;
                    }
                }

                break;
            case ShapeType.List:
                var array = value.AsArray();
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var nested in RequiredPaths(shape.ListMember!.Shape, array[i]!, $"{path}[{i}]"))
                    {
                        yield return nested;
                    }
                }

                break;
        }
    }

    /// <summary>Removes the member at a path produced by <see cref="RequiredPaths"/>.</summary>
    internal static void Remove(JsonNode root, string path)
    {
        var dot = path.LastIndexOf('.');
        var parent = dot < 0 ? root : Navigate(root, path[..dot]);
        Assert.True(parent.AsObject().Remove(dot < 0 ? path : path[(dot + 1)..]), $"nothing to remove at {path}");
    }

    private static JsonNode Navigate(JsonNode root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            node = node[bracket < 0 ? part : part[..bracket]]!;
            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                node = node[int.Parse(part[(bracket + 1)..close], System.Globalization.CultureInfo.InvariantCulture)]!;
                bracket = part.IndexOf('[', close);
            }
        }

        return node;
    }

    private static JsonNode Build(ShapeModel shape, int depth)
    {
        Assert.True(depth < 32, $"required members of {shape.Name} recurse without end");
        switch (shape.Type)
        {
            case ShapeType.Structure:
                var obj = new JsonObject();
                foreach (var member in shape.Members)
                {
                    if (member.IsRequired || (shape.IsUnion && member == shape.Members[0]))
                    {
                        obj[member.Name] = Build(member.Shape, depth + 1);
                    }
                }

                return obj;
            case ShapeType.List:
                var array = new JsonArray();
                for (var i = 0; i < (shape.Min ?? 0); i++)
                {
                    array.Add(Build(shape.ListMember!.Shape, depth + 1));
                }

                return array;
            case ShapeType.Map:
                var map = new JsonObject();
                for (var i = 0; i < (shape.Min ?? 0); i++)
                {
                    map[$"k{i}".PadRight((int)(shape.MapKey!.Min ?? 1), 'k')] = Build(shape.MapValue!, depth + 1);
                }

                return map;
            case ShapeType.String:
                return JsonValue.Create(shape.Enum is { Count: > 0 } values ? values[0] : new string('a', (int)Math.Max(shape.Min ?? 1, 1)));
            case ShapeType.Integer or ShapeType.Long:
                return JsonValue.Create(shape.Min ?? 0);
            case ShapeType.Double:
                return JsonValue.Create((double)(shape.Min ?? 0));
            case ShapeType.Boolean:
                return JsonValue.Create(false);
            case ShapeType.Timestamp:
                return AppMeshJson.Timestamp(DateTimeOffset.UnixEpoch);
            case ShapeType.Blob:
                return JsonValue.Create(Convert.ToBase64String(new byte[shape.Min ?? 0]));
            default:
                throw new InvalidOperationException($"unhandled shape type {shape.Type}");
        }
    }
}
