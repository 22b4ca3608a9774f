using System.Text.Json.Nodes;
using CloudMesh.AppMesh.Model;
using CloudMesh.Pulumi.Provider.Resources;

namespace CloudMesh.Pulumi.Provider.Schema;

/// <summary>
/// The schema's <c>types</c>: every App Mesh structure and string enum reachable from the resources' specs, generated
/// from the service model. Structures become object types named <c>cloudmesh:index:&lt;ShapeName&gt;</c> with the API's
/// JSON member names; enums become string enums; lists, maps and scalars are inlined where they are used.
/// </summary>
internal sealed class SchemaTypes(ServiceModel model)
{
    private readonly SortedDictionary<string, JsonObject> _types = new(StringComparer.Ordinal);

    /// <summary>The types collected so far, by token, in token order.</summary>
    public JsonObject ToJson() => new(_types.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value)));

    /// <summary>The type reference or inline type of a shape, adding the named types it reaches.</summary>
    public JsonObject Reference(ShapeModel shape)
    {
        switch (shape.Type)
        {
            case ShapeType.Structure:
                Add(shape);
                return new JsonObject { ["$ref"] = "#/types/" + Token(shape) };
            case ShapeType.String when shape.Enum is { Count: > 0 }:
                Add(shape);
                return new JsonObject { ["$ref"] = "#/types/" + Token(shape) };
            case ShapeType.List:
                return new JsonObject { ["type"] = "array", ["items"] = Reference(shape.ListMember!.Shape) };
            case ShapeType.Map:
                return new JsonObject { ["type"] = "object", ["additionalProperties"] = Reference(shape.MapValue!) };
            case ShapeType.Integer or ShapeType.Long:
                return new JsonObject { ["type"] = "integer" };
            case ShapeType.Double:
                return new JsonObject { ["type"] = "number" };
            case ShapeType.Boolean:
                return new JsonObject { ["type"] = "boolean" };
            default:
                // Strings, timestamps and blobs travel as JSON strings.
                return new JsonObject { ["type"] = "string" };
        }
    }

    /// <summary>The type reference of the named model shape.</summary>
    public JsonObject Reference(string shapeName) => Reference(model.GetShape(shapeName));

    private static string Token(ShapeModel shape) => ResourceTypes.Module + shape.Name;

    private void Add(ShapeModel shape)
    {
        var token = Token(shape);
        if (_types.ContainsKey(token))
        {
            return;
        }

        var type = new JsonObject();
        _types[token] = type;
        if (shape.Type == ShapeType.String)
        {
            type["description"] = $"The App Mesh {shape.Name} enumeration.";
            type["type"] = "string";
            type["enum"] = new JsonArray([.. shape.Enum!.Select(value => (JsonNode)new JsonObject { ["value"] = value })]);
            return;
        }

        type["description"] = shape.IsUnion
            ? $"The App Mesh {shape.Name} structure. A union: set exactly one of its properties."
            : $"The App Mesh {shape.Name} structure.";
        type["type"] = "object";
        var properties = new JsonObject();
        foreach (var member in shape.Members.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            properties[member.Name] = Reference(member.Shape);
        }

        type["properties"] = properties;
        if (shape.Required.Count > 0)
        {
            type["required"] = new JsonArray([.. shape.Required.Order(StringComparer.Ordinal).Select(r => (JsonNode)r)]);
        }
    }
}
