using System.Text.Json.Nodes;
using CloudMesh.AppMesh.Model;

namespace CloudMesh.Fuzz.Tests.Mutation;

/// <summary>
/// A place in a request body where a value sits, with the model shape the value should have: a structure member, a
/// list element or a map value. Mutations replace or remove the value there.
/// </summary>
internal sealed record JsonPosition(JsonNode Container, string? Key, int Index, MemberModel? Member, ShapeModel Shape, string Path)
{
    public JsonNode? Value => Container is JsonObject obj ? obj[Key!] : Container.AsArray()[Index];

    public void Set(JsonNode? value)
    {
        if (Container is JsonObject obj)
        {
            obj[Key!] = value;
        }
        else
        {
            Container.AsArray()[Index] = value;
        }
    }

    /// <summary>Every position in <paramref name="body"/>, outermost first, walked along <paramref name="shape"/>.</summary>
    public static List<JsonPosition> All(ShapeModel shape, JsonObject body)
    {
        var positions = new List<JsonPosition>();
        Walk(shape, body, "", positions);
        return positions;
    }

    private static void Walk(ShapeModel shape, JsonNode? node, string path, List<JsonPosition> positions)
    {
        switch (shape.Type)
        {
            case ShapeType.Structure when node is JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (!shape.TryGetMember(name, out var member))
                    {
                        continue;
                    }

                    var childPath = path.Length == 0 ? name : $"{path}.{name}";
                    positions.Add(new JsonPosition(obj, name, -1, member, member.Shape, childPath));
                    Walk(member.Shape, value, childPath, positions);
                }

                break;
            case ShapeType.List when node is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var childPath = $"{path}[{i}]";
                    positions.Add(new JsonPosition(array, null, i, null, shape.ListMember!.Shape, childPath));
                    Walk(shape.ListMember.Shape, array[i], childPath, positions);
                }

                break;
            case ShapeType.Map when node is JsonObject map:
                foreach (var (key, value) in map.ToList())
                {
                    var childPath = $"{path}[\"{key}\"]";
                    positions.Add(new JsonPosition(map, key, -1, null, shape.MapValue!, childPath));
                    Walk(shape.MapValue!, value, childPath, positions);
                }

                break;
        }
    }
}
