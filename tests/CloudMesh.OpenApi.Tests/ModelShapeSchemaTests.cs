using System.Text.Json.Nodes;
using CloudMesh.OpenApi.Tests.Support;

namespace CloudMesh.OpenApi.Tests;

/// <summary>Component schemas carry each model shape's type and constraints (min/max, enum, pattern, required).</summary>
public sealed class ModelShapeSchemaTests
{
    private static readonly AppMeshModel Model = AppMeshModel.Instance;

    public static TheoryData<string> ModelShapesInTheDocument()
    {
        var data = new TheoryData<string>();
        foreach (var name in OpenApiDocument.Committed["components"]!["schemas"]!.AsObject().Select(s => s.Key).Where(n => Model.Shapes.ContainsKey(n)))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void EveryShapeTheOperationsReach_IsAComponent()
    {
        var schemas = OpenApiDocument.Committed["components"]!["schemas"]!.AsObject();
        var pending = new Stack<string>();
        foreach (var (_, operation) in Model.Operations)
        {
            var input = Model.Shape(operation!["input"]!["shape"]!.GetValue<string>());
            foreach (var (_, member) in input["members"]!.AsObject())
            {
                pending.Push(member!["shape"]!.GetValue<string>());
            }

            var output = Model.Shape(operation["output"]!["shape"]!.GetValue<string>());
            foreach (var (_, member) in output["members"]!.AsObject())
            {
                pending.Push(member!["shape"]!.GetValue<string>());
            }
        }

        var seen = new HashSet<string>();
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name))
            {
                continue;
            }

            Assert.True(schemas.ContainsKey(name), "missing component schema " + name);
            var shape = Model.Shape(name);
            foreach (var (_, member) in shape["members"]?.AsObject() ?? [])
            {
                pending.Push(member!["shape"]!.GetValue<string>());
            }

            if (shape["member"] is { } item)
            {
                pending.Push(item["shape"]!.GetValue<string>());
            }
        }

        Assert.True(seen.Count > 200, "the walk covered only " + seen.Count + " shapes");
    }

    [Theory]
    [MemberData(nameof(ModelShapesInTheDocument))]
    public void Schema_MatchesItsModelShape(string name)
    {
        var shape = Model.Shape(name);
        var schema = OpenApiDocument.Committed["components"]!["schemas"]![name]!;
        var type = shape["type"]!.GetValue<string>();

        switch (type)
        {
            case "structure":
                Assert.Equal("object", Type(schema));
                Assert.Equal(Names(shape["members"]!.AsObject()), Names(schema["properties"]!.AsObject()));
                Assert.Equal(Strings(shape["required"]), Strings(schema["required"]));
                var union = shape["union"]?.GetValue<bool>() == true;
                Assert.Equal(union ? 1 : null, schema["minProperties"]?.GetValue<int>());
                Assert.Equal(union ? 1 : null, schema["maxProperties"]?.GetValue<int>());
                break;
            case "list":
                Assert.Equal("array", Type(schema));
                Assert.Equal(shape["member"]!["shape"]!.GetValue<string>(), OpenApiDocument.SchemaName(schema["items"]));
                AssertBounds(shape, schema, "minItems", "maxItems");
                break;
            case "string":
                Assert.Equal("string", Type(schema));
                Assert.Equal(Strings(shape["enum"]), Strings(schema["enum"]));
                Assert.Equal(shape["pattern"]?.GetValue<string>(), schema["pattern"]?.GetValue<string>());
                AssertBounds(shape, schema, "minLength", "maxLength");
                break;
            case "integer" or "long":
                Assert.Equal("integer", Type(schema));
                Assert.Equal(type == "long" ? "int64" : "int32", schema["format"]!.GetValue<string>());
                AssertBounds(shape, schema, "minimum", "maximum");
                break;
            case "timestamp":
                Assert.Equal("number", Type(schema));
                break;
            case "boolean":
                Assert.Equal("boolean", Type(schema));
                break;
            default:
                Assert.Fail($"{name}: unexpected model type {type}");
                break;
        }
    }

    private static string Type(JsonNode schema) => schema["type"]!.GetValue<string>();

    private static List<string> Names(JsonObject members) => members.Select(m => m.Key).ToList();

    private static List<string> Strings(JsonNode? array) =>
        array?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? [];

    private static void AssertBounds(JsonObject shape, JsonNode schema, string low, string high)
    {
        Assert.Equal(shape["min"]?.GetValue<long>(), schema[low]?.GetValue<long>());
        Assert.Equal(shape["max"]?.GetValue<long>(), schema[high]?.GetValue<long>());
    }
}
