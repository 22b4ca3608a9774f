using System.Text;

namespace CloudMesh.AppMesh.Model.Tests;

/// <summary>Loading models other than App Mesh's: recursion, maps and broken references.</summary>
public sealed class ModelLoadingTests
{
    private const string RecursiveModel = """
        {
          "metadata": { "apiVersion": "2020-01-01", "endpointPrefix": "tree", "protocol": "rest-json" },
          "operations": {
            "PutTree": {
              "http": { "method": "PUT", "requestUri": "/trees/{name}", "responseCode": 201 },
              "input": { "shape": "PutTreeInput" },
              "output": { "shape": "PutTreeOutput" }
            },
            "Ping": { "http": { "method": "GET", "requestUri": "/ping" } }
          },
          "shapes": {
            "PutTreeInput": {
              "type": "structure", "required": ["name", "root"],
              "members": {
                "name": { "shape": "Name", "location": "uri", "locationName": "name" },
                "root": { "shape": "Node" },
                "labels": { "shape": "Labels" },
                "secret": { "shape": "Secret" },
                "version": { "shape": "Version", "location": "header", "locationName": "x-tree-version" },
                "ids": { "shape": "IdList", "location": "querystring", "locationName": "id" },
                "dryRun": { "shape": "Flag", "location": "querystring", "locationName": "dryRun" },
                "since": { "shape": "When", "location": "header", "locationName": "x-since" },
                "digest": { "shape": "Digest" },
                "digits": { "shape": "Digits" }
              }
            },
            "PutTreeOutput": {
              "type": "structure", "required": ["etag"],
              "members": {
                "etag": { "shape": "Name", "location": "header", "locationName": "ETag" },
                "modified": { "shape": "When", "location": "header", "locationName": "Last-Modified" },
                "root": { "shape": "Node" }
              }
            },
            "Version": { "type": "long", "min": 1 },
            "IdList": { "type": "list", "member": { "shape": "Version" } },
            "Flag": { "type": "boolean" },
            "When": { "type": "timestamp" },
            "Digest": { "type": "blob", "max": 4 },
            "Digits": { "type": "string", "pattern": "[0-9]" },
            "Node": {
              "type": "structure", "required": ["value"],
              "members": { "value": { "shape": "Weight" }, "children": { "shape": "NodeList" } }
            },
            "NodeList": { "type": "list", "member": { "shape": "Node" }, "max": 2 },
            "Labels": { "type": "map", "key": { "shape": "Name" }, "value": { "shape": "Weight" }, "max": 2 },
            "Name": { "type": "string", "min": 1, "max": 5 },
            "Weight": { "type": "double", "min": 0, "max": 1.0 },
            "Secret": { "type": "string", "sensitive": true, "pattern": "^[0-9]+$" }
          }
        }
        """;

    internal static ServiceModel LoadRecursive() =>
        ServiceModel.Load(new MemoryStream(Encoding.UTF8.GetBytes(RecursiveModel)));

    [Fact]
    public void Recursive_shapes_load_as_object_cycles()
    {
        var model = LoadRecursive();
        var node = model.GetShape("Node");
        var children = node.GetMember("children").Shape;
        Assert.Same(node, children.ListMember!.Shape);
        Assert.Equal("tree", model.SigningName);
        Assert.Equal(201, model.Operations["PutTree"].ResponseCode);
    }

    [Fact]
    public void Maps_double_bounds_and_sensitivity_load()
    {
        var model = LoadRecursive();
        var labels = model.GetShape("Labels");
        Assert.Equal(ShapeType.Map, labels.Type);
        Assert.Same(model.GetShape("Name"), labels.MapKey);
        Assert.Same(model.GetShape("Weight"), labels.MapValue);
        Assert.Equal(ShapeType.Double, model.GetShape("Weight").Type);
        Assert.Equal(1, model.GetShape("Weight").Max);
        Assert.True(model.GetShape("Secret").IsSensitive);
    }

    [Fact]
    public void An_operation_without_input_or_output_binds_the_empty_object()
    {
        var ping = LoadRecursive().Operations["Ping"];
        Assert.Null(ping.Output);
        Assert.Empty(ping.Input.Members);
        Assert.Equal(200, ping.ResponseCode);
        Assert.Empty(InputValidator.Validate(ping.Input, null));
    }

    [Fact]
    public void Validation_follows_recursion_to_any_depth()
    {
        var shape = LoadRecursive().GetShape("PutTreeInput");
        var input = System.Text.Json.Nodes.JsonNode.Parse("""
            { "name": "t", "root": { "value": 0.5, "children": [ { "value": 1, "children": [ { "value": 2 }, { } ] } ] } }
            """);
        var errors = InputValidator.Validate(shape, input);
        Assert.Equal(
            [
                new ValidationError("root.children[0].children[0].value", "2 is greater than the maximum 1"),
                new ValidationError("root.children[0].children[1].value", "Missing required member 'root.children[0].children[1].value'"),
            ],
            errors);
    }

    [Theory]
    [InlineData("""{"metadata":{"apiVersion":"1","protocol":"rest-json","signingName":"x"},"operations":{},"shapes":{"A":{"type":"structure","members":{"b":{"shape":"Missing"}}}}}""", "Missing")]
    [InlineData("""{"metadata":{"apiVersion":"1","protocol":"rest-json","signingName":"x"},"operations":{},"shapes":{"A":{"type":"structure","required":["c"],"members":{}}}}""", "'c'")]
    [InlineData("""{"metadata":{"apiVersion":"1","protocol":"rest-json","signingName":"x"},"operations":{},"shapes":{"A":{"type":"document"}}}""", "document")]
    [InlineData("""{"metadata":{"apiVersion":"1","protocol":"rest-json","signingName":"x"},"operations":{},"shapes":{"A":{"type":"string","min":1.5}}}""", "1.5")]
    public void Inconsistent_models_are_rejected_with_the_reason(string json, string mentioned)
    {
        var ex = Assert.Throws<InvalidDataException>(() => ServiceModel.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains(mentioned, ex.Message, StringComparison.Ordinal);
    }
}
