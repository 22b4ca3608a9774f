using System.Text;
using System.Text.Json.Nodes;

namespace CloudMesh.AppMesh.Model.Tests;

public sealed class RequestBinderTests
{
    private static readonly Dictionary<string, string> NoRoute = [];
    private static readonly KeyValuePair<string, string>[] NoQuery = [];

    private static OperationModel Op(string name) => ServiceModel.AppMesh.Operations[name];

    private static BindResult Bind(
        OperationModel op,
        Dictionary<string, string>? route = null,
        KeyValuePair<string, string>[]? query = null,
        string body = "",
        Func<string, string?>? header = null) =>
        RequestBinder.Bind(op, route ?? NoRoute, query ?? NoQuery, header ?? (_ => null), Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Route_query_and_body_merge_into_one_input()
    {
        var result = Bind(
            Op("CreateVirtualNode"),
            new() { ["meshName"] = "demo mesh" },
            [new("meshOwner", "123456789012"), new("unrelated", "ignored")],
            """{ "virtualNodeName": "web", "spec": { "listeners": [ { "portMapping": { "port": 80, "protocol": "http" } } ] } }""");

        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Empty(result.Errors);
        Assert.Null(result.MalformedJson);
        var expected = JsonNode.Parse("""
            { "virtualNodeName": "web", "spec": { "listeners": [ { "portMapping": { "port": 80, "protocol": "http" } } ] },
              "meshName": "demo mesh", "meshOwner": "123456789012" }
            """);
        Assert.True(JsonNode.DeepEquals(expected, result.Input), result.Input.ToJsonString());
    }

    [Fact]
    public void Query_integers_are_converted_to_numbers()
    {
        var result = Bind(Op("ListMeshes"), query: [new("limit", "25"), new("nextToken", "abc")]);
        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal("""{"limit":25,"nextToken":"abc"}""", result.Input.ToJsonString());
    }

    [Theory]
    [InlineData("abc", "limit: 'abc' is not a valid integer")]
    [InlineData("1.5", "limit: '1.5' is not a valid integer")]
    [InlineData("", "limit: '' is not a valid integer")]
    [InlineData("500", "limit: 500 is greater than the maximum 100")]
    [InlineData("0", "limit: 0 is less than the minimum 1")]
    public void A_bad_limit_is_an_error_naming_it(string limit, string error)
    {
        var result = Bind(Op("ListMeshes"), query: [new("limit", limit)]);
        Assert.False(result.Succeeded);
        Assert.Equal([error], result.Errors.Select(e => e.ToString()));
        Assert.Equal(error, result.ErrorMessage);
    }

    [Fact]
    public void An_unparsable_required_query_value_is_not_also_reported_missing()
    {
        var model = ModelLoadingTests.LoadRecursive();
        var result = Bind(
            model.Operations["PutTree"],
            new() { ["name"] = "t" },
            [new("id", "1"), new("id", "x")],
            """{ "root": { "value": 0 } }""");
        Assert.Equal(["ids: 'x' is not a valid integer"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Repeated_query_parameters_bind_to_list_members_and_booleans_parse()
    {
        var model = ModelLoadingTests.LoadRecursive();
        var result = Bind(
            model.Operations["PutTree"],
            new() { ["name"] = "t" },
            [new("id", "3"), new("id", "4"), new("dryRun", "TRUE")],
            """{ "root": { "value": 0 } }""");
        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal("[3,4]", result.Input["ids"]!.ToJsonString());
        Assert.Equal("true", result.Input["dryRun"]!.ToJsonString());

        var bad = Bind(model.Operations["PutTree"], new() { ["name"] = "t" }, [new("dryRun", "maybe")], """{ "root": { "value": 0 } }""");
        Assert.Equal(["dryRun: 'maybe' is not a valid boolean; expected true or false"], bad.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Header_members_are_bound_and_validated()
    {
        var model = ModelLoadingTests.LoadRecursive();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-Tree-Version"] = "7",
            ["x-since"] = "Tue, 14 Nov 2023 22:13:20 GMT",
        };
        var result = Bind(
            model.Operations["PutTree"], new() { ["name"] = "t" }, body: """{ "root": { "value": 0 } }""",
            header: h => headers.GetValueOrDefault(h));
        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal("7", result.Input["version"]!.ToJsonString());
        Assert.Equal("1700000000", result.Input["since"]!.ToJsonString());

        headers["X-Tree-Version"] = "0";
        var invalid = Bind(
            model.Operations["PutTree"], new() { ["name"] = "t" }, body: """{ "root": { "value": 0 } }""",
            header: h => headers.GetValueOrDefault(h));
        Assert.Equal(["version: 0 is less than the minimum 1"], invalid.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Route_values_are_validated_like_body_members()
    {
        var result = Bind(Op("DescribeMesh"), new() { ["meshName"] = new string('m', 256) });
        Assert.Equal(["meshName: length 256 is greater than the maximum length 255"], result.Errors.Select(e => e.ToString()));

        var missing = Bind(Op("DescribeMesh"));
        Assert.Equal(["meshName: Missing required member 'meshName'"], missing.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n\t")]
    [InlineData("{}")]
    public void An_empty_body_is_the_empty_object(string body)
    {
        var result = Bind(Op("DescribeMesh"), new() { ["meshName"] = "m" }, body: body);
        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal("""{"meshName":"m"}""", result.Input.ToJsonString());
    }

    [Theory]
    [InlineData("{ \"meshName\": ", "line 1")]
    [InlineData("{\n  \"meshName\": \"m\",\n  }", "trailing comma at the end which is not supported in this mode (line 3, byte 3")]
    [InlineData("{ \"meshName\": 'm' }", "line 1, byte 15")]
    [InlineData("{ \"meshName\": \"a\", \"meshName\": \"b\" }", "Duplicate property 'meshName'")]
    public void Malformed_json_is_reported_with_its_position(string body, string expected)
    {
        var result = Bind(Op("CreateMesh"), body: body);
        Assert.False(result.Succeeded);
        Assert.Empty(result.Errors);
        Assert.StartsWith("Malformed JSON: ", result.MalformedJson, StringComparison.Ordinal);
        Assert.Contains(expected, result.MalformedJson, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", result.MalformedJson, StringComparison.Ordinal);
        Assert.DoesNotContain("reader options", result.MalformedJson, StringComparison.Ordinal);
        Assert.DoesNotContain("line ,", result.MalformedJson, StringComparison.Ordinal);
        Assert.Equal(result.MalformedJson, result.ErrorMessage);
    }

    [Theory]
    [InlineData("[]", "Malformed JSON: the request body must be a JSON object, not array")]
    [InlineData("\"mesh\"", "Malformed JSON: the request body must be a JSON object, not string")]
    [InlineData("null", "Malformed JSON: the request body must be a JSON object, not null")]
    public void A_body_that_is_not_an_object_is_rejected(string body, string message)
    {
        Assert.Equal(message, Bind(Op("CreateMesh"), body: body).MalformedJson);
    }

    [Fact]
    public void A_location_member_in_the_body_is_an_error_and_the_uri_value_wins()
    {
        var result = Bind(
            Op("UpdateMesh"), new() { ["meshName"] = "from-uri" }, body: """{ "meshName": "from-body", "spec": {} }""");
        Assert.Equal(
            ["meshName: member 'meshName' is bound from the URI path and must not appear in the request body"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Unknown_body_members_are_reported_by_the_validator()
    {
        var result = Bind(Op("CreateMesh"), body: """{ "meshName": "m", "spce": {} }""");
        Assert.Equal(
            ["spce: Unknown member 'spce'. Valid members are: clientToken, meshName, spec, tags"],
            result.Errors.Select(e => e.ToString()));
        Assert.Null(result.Input);
    }

    [Fact]
    public void Errors_from_binding_and_validation_join_into_one_message()
    {
        var result = Bind(Op("TagResource"), query: [new("resourceArn", "arn:x")], body: """{ "tags": [ { "key": "" } ] }""");
        Assert.Equal(
            "tags[0].value: Missing required member 'tags[0].value'; tags[0].key: length 0 is less than the minimum length 1",
            result.ErrorMessage);
    }
}
