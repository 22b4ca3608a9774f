using System.Text.Json.Nodes;

namespace CloudMesh.AppMesh.Model.Tests;

public sealed class InputValidatorTests
{
    private const string ValidVirtualNode = """
        {
          "meshName": "demo",
          "virtualNodeName": "web",
          "spec": {
            "listeners": [ { "portMapping": { "port": 8080, "protocol": "http" } } ],
            "backends": [ { "virtualService": { "virtualServiceName": "api.demo.local" } } ],
            "serviceDiscovery": { "dns": { "hostname": "web.demo.local" } }
          },
          "tags": [ { "key": "team", "value": "payments" } ]
        }
        """;

    private static IReadOnlyList<ValidationError> Validate(string shape, string json) =>
        InputValidator.Validate(ServiceModel.AppMesh.GetShape(shape), JsonNode.Parse(json));

    private static JsonNode VirtualNode(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(ValidVirtualNode)!;
        change(node);
        return node;
    }

    private static IReadOnlyList<ValidationError> ValidateNode(Action<JsonNode> change) =>
        InputValidator.Validate(ServiceModel.AppMesh.GetShape("CreateVirtualNodeInput"), VirtualNode(change));

    private static ValidationError Error(string path, string message) => new(path, message);

    [Fact]
    public void A_complete_virtual_node_is_valid()
    {
        Assert.Empty(Validate("CreateVirtualNodeInput", ValidVirtualNode));
    }

    [Fact]
    public void Missing_required_members_are_named_by_path()
    {
        var errors = ValidateNode(n => n["spec"]!["listeners"]![0]!.AsObject().Remove("portMapping"));
        Assert.Equal([Error("spec.listeners[0].portMapping", "Missing required member 'spec.listeners[0].portMapping'")], errors);
    }

    [Fact]
    public void A_json_null_does_not_satisfy_required()
    {
        var errors = ValidateNode(n => n["spec"]!["listeners"]![0]!["portMapping"]!["protocol"] = null);
        Assert.Equal([Error("spec.listeners[0].portMapping.protocol", "Missing required member 'spec.listeners[0].portMapping.protocol'")], errors);
    }

    [Fact]
    public void Optional_members_set_to_null_are_treated_as_absent()
    {
        Assert.Empty(ValidateNode(n => n["spec"]!["logging"] = null));
    }

    [Theory]
    [InlineData("\"8080\"", "expected an integer, got a string")]
    [InlineData("true", "expected an integer, got true")]
    [InlineData("[8080]", "expected an integer, got an array")]
    [InlineData("{}", "expected an integer, got an object")]
    [InlineData("70000", "70000 is greater than the maximum 65535")]
    [InlineData("0", "0 is less than the minimum 1")]
    [InlineData("80.5", "80.5 is not an integer")]
    [InlineData("3000000000", "3000000000 is outside the range of a 32-bit integer")]
    [InlineData("1e30", "1e30 is outside the range of a 32-bit integer")]
    public void Integer_type_and_range(string port, string message)
    {
        var errors = ValidateNode(n => n["spec"]!["listeners"]![0]!["portMapping"]!["port"] = JsonNode.Parse(port));
        Assert.Equal([Error("spec.listeners[0].portMapping.port", message)], errors);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("65535")]
    [InlineData("8080.0")]
    public void Integer_bounds_are_inclusive_and_integral_decimals_count(string port)
    {
        Assert.Empty(ValidateNode(n => n["spec"]!["listeners"]![0]!["portMapping"]!["port"] = JsonNode.Parse(port)));
    }

    [Fact]
    public void Values_built_in_code_are_checked_like_parsed_ones()
    {
        var input = new JsonObject
        {
            ["meshName"] = "demo",
            ["virtualNodeName"] = "web",
            ["spec"] = new JsonObject
            {
                ["listeners"] = new JsonArray(new JsonObject
                {
                    ["portMapping"] = new JsonObject { ["port"] = 70000, ["protocol"] = "http" },
                    ["healthCheck"] = new JsonObject
                    {
                        ["healthyThreshold"] = 2.0, ["intervalMillis"] = 5000L, ["protocol"] = "http",
                        ["timeoutMillis"] = 1.5, ["unhealthyThreshold"] = 2,
                    },
                }),
            },
        };
        var errors = InputValidator.Validate(ServiceModel.AppMesh.GetShape("CreateVirtualNodeInput"), input);
        Assert.Equal(
            [
                Error("spec.listeners[0].healthCheck.timeoutMillis", "1.5 is not an integer"),
                Error("spec.listeners[0].portMapping.port", "70000 is greater than the maximum 65535"),
            ],
            errors);
    }

    [Theory]
    [InlineData("-1", "-1 is less than the minimum 0")]
    [InlineData("9223372036854775808", "9223372036854775808 is outside the range of a 64-bit integer")]
    [InlineData("\"5\"", "expected an integer, got a string")]
    public void Long_type_and_range(string value, string message)
    {
        var errors = Validate("Duration", $$"""{ "unit": "s", "value": {{value}} }""");
        Assert.Equal([Error("value", message)], errors);
    }

    [Fact]
    public void Long_accepts_values_beyond_32_bits()
    {
        Assert.Empty(Validate("Duration", """{ "unit": "ms", "value": 9223372036854775807 }"""));
    }

    [Theory]
    [InlineData("", "length 0 is less than the minimum length 1")]
    [InlineData(null, "length 256 is greater than the maximum length 255")]
    public void String_length_limits(string? name, string message)
    {
        name ??= new string('n', 256);
        var errors = Validate("CreateMeshInput", $$"""{ "meshName": "{{name}}" }""");
        Assert.Equal([Error("meshName", message)], errors);
    }

    [Fact]
    public void String_length_counts_code_points_not_utf16_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 255));
        Assert.Equal(510, emoji.Length);
        var input = new JsonObject { ["meshName"] = emoji };
        Assert.Empty(InputValidator.Validate(ServiceModel.AppMesh.GetShape("CreateMeshInput"), input));
        input["meshName"] = emoji + "x";
        Assert.Equal(
            [Error("meshName", "length 256 is greater than the maximum length 255")],
            InputValidator.Validate(ServiceModel.AppMesh.GetShape("CreateMeshInput"), input));
    }

    [Theory]
    [InlineData("12345678901", "length 11 is less than the minimum length 12")]
    [InlineData("1234567890123", "length 13 is greater than the maximum length 12")]
    public void Exact_length_strings(string owner, string message)
    {
        var json = $$"""{ "meshName": "m", "meshOwner": "{{owner}}" }""";
        Assert.Equal([Error("meshOwner", message)], Validate("DescribeMeshInput", json));
        Assert.Empty(Validate("DescribeMeshInput", """{ "meshName": "m", "meshOwner": "123456789012" }"""));
    }

    [Fact]
    public void Enum_membership_is_exact_and_lists_the_allowed_values()
    {
        const string Template = """{ "meshName": "m", "spec": { "egressFilter": { "type": "%" } } }""";
        Assert.Empty(Validate("CreateMeshInput", Template.Replace("%", "ALLOW_ALL", StringComparison.Ordinal)));
        Assert.Equal(
            [Error("spec.egressFilter.type", "'ALLOW_SOME' is not a valid value; expected one of: ALLOW_ALL, DROP_ALL")],
            Validate("CreateMeshInput", Template.Replace("%", "ALLOW_SOME", StringComparison.Ordinal)));
        Assert.Equal(
            [Error("spec.egressFilter.type", "'allow_all' is not a valid value; expected one of: ALLOW_ALL, DROP_ALL")],
            Validate("CreateMeshInput", Template.Replace("%", "allow_all", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("stage", "prod", null)]
    [InlineData("stage", "prod east", null)]
    [InlineData("stage", "p", null)]
    [InlineData("stage", "", "attributes[0].value: length 0 is less than the minimum length 1")]
    [InlineData("my key", "prod", "attributes[0].key: 'my key' does not match the pattern ^[a-zA-Z0-9!-~]+$")]
    [InlineData("stage", " prod", "attributes[0].value: ' prod' does not match the pattern ^([a-zA-Z0-9!-~][  a-zA-Z0-9!-~]*){0,1}[a-zA-Z0-9!-~]{0,1}$")]
    [InlineData("stage\n", "prod", "attributes[0].key: 'stage\n' does not match the pattern ^[a-zA-Z0-9!-~]+$")]
    [InlineData("stäge", "prod", "attributes[0].key: 'stäge' does not match the pattern ^[a-zA-Z0-9!-~]+$")]
    public void Cloud_map_attributes_follow_their_patterns(string key, string value, string? error)
    {
        var input = new JsonObject
        {
            ["namespaceName"] = "ns",
            ["serviceName"] = "svc",
            ["attributes"] = new JsonArray(new JsonObject { ["key"] = key, ["value"] = value }),
        };
        var errors = InputValidator.Validate(ServiceModel.AppMesh.GetShape("AwsCloudMapServiceDiscovery"), input);
        Assert.Equal(error is null ? [] : [error], errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("abc1def", true)]
    [InlineData("9", true)]
    [InlineData("abcdef", false)]
    public void Patterns_are_not_implicitly_anchored(string value, bool valid)
    {
        var shape = ModelLoadingTests.LoadRecursive().GetShape("PutTreeInput");
        var input = new JsonObject { ["name"] = "t", ["root"] = new JsonObject { ["value"] = 0 }, ["digits"] = value };
        var errors = InputValidator.Validate(shape, input);
        Assert.Equal(valid ? [] : [Error("digits", $"'{value}' does not match the pattern [0-9]")], errors);
    }

    [Fact]
    public void A_union_with_two_members_set_is_rejected()
    {
        var errors = ValidateNode(n => n["spec"]!["serviceDiscovery"]!["awsCloudMap"] = new JsonObject
        {
            ["namespaceName"] = "ns", ["serviceName"] = "svc",
        });
        Assert.Equal([Error("spec.serviceDiscovery", "exactly one member must be set, but 2 are: awsCloudMap, dns")], errors);
    }

    [Fact]
    public void An_empty_union_is_rejected_and_lists_its_members()
    {
        var errors = ValidateNode(n => n["spec"]!["backends"]![0] = new JsonObject());
        Assert.Equal([Error("spec.backends[0]", "exactly one member must be set, but none is; set one of: virtualService")], errors);
    }

    [Fact]
    public void A_union_member_set_to_null_does_not_count()
    {
        var errors = ValidateNode(n => n["spec"]!["serviceDiscovery"]!["awsCloudMap"] = null);
        Assert.Empty(errors);
    }

    [Fact]
    public void Unknown_members_are_named_with_their_path()
    {
        var errors = ValidateNode(n => n["spec"]!["listenrs"] = new JsonArray());
        Assert.Equal(
            [Error("spec.listenrs", "Unknown member 'spec.listenrs'. Valid members are: backendDefaults, backends, listeners, logging, serviceDiscovery")],
            errors);
    }

    [Fact]
    public void Member_names_are_case_sensitive()
    {
        var errors = Validate("CreateMeshInput", """{ "MeshName": "m" }""");
        Assert.Equal(
            [
                Error("MeshName", "Unknown member 'MeshName'. Valid members are: clientToken, meshName, spec, tags"),
                Error("meshName", "Missing required member 'meshName'"),
            ],
            errors);
    }

    [Fact]
    public void Weighted_targets_count_and_weight_limits()
    {
        static string Route(int targets, int weight) =>
            $$"""
            { "meshName": "m", "virtualRouterName": "r", "routeName": "x",
              "spec": { "httpRoute": { "match": { "prefix": "/" }, "action": { "weightedTargets": [
                {{string.Join(",", Enumerable.Repeat($$"""{ "virtualNode": "n", "weight": {{weight}} }""", targets))}}
              ] } } } }
            """;

        Assert.Empty(Validate("CreateRouteInput", Route(10, 100)));
        Assert.Equal(
            [Error("spec.httpRoute.action.weightedTargets", "has 11 items, more than the maximum 10")],
            Validate("CreateRouteInput", Route(11, 1)));
        Assert.Equal(
            [Error("spec.httpRoute.action.weightedTargets", "has 0 items, fewer than the minimum 1")],
            Validate("CreateRouteInput", Route(0, 1)));
        Assert.Equal(
            [Error("spec.httpRoute.action.weightedTargets[0].weight", "101 is greater than the maximum 100")],
            Validate("CreateRouteInput", Route(1, 101)));
    }

    [Fact]
    public void Tag_list_limits()
    {
        static JsonObject Mesh(int tags, string key = "k") => new()
        {
            ["meshName"] = "m",
            ["tags"] = new JsonArray(Enumerable.Range(0, tags).Select(i => (JsonNode?)new JsonObject { ["key"] = key + i, ["value"] = "" }).ToArray()),
        };
        var shape = ServiceModel.AppMesh.GetShape("CreateMeshInput");

        Assert.Empty(InputValidator.Validate(shape, Mesh(0)));
        Assert.Empty(InputValidator.Validate(shape, Mesh(50)));
        Assert.Equal([Error("tags", "has 51 items, more than the maximum 50")], InputValidator.Validate(shape, Mesh(51)));
        Assert.Equal(
            [Error("tags[0].key", "length 129 is greater than the maximum length 128")],
            InputValidator.Validate(shape, Mesh(1, new string('k', 128))));
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(100, null)]
    [InlineData(0, "0 is less than the minimum 1")]
    [InlineData(101, "101 is greater than the maximum 100")]
    public void List_meshes_limit_range(int limit, string? message)
    {
        var errors = Validate("ListMeshesInput", $$"""{ "limit": {{limit}} }""");
        Assert.Equal(message is null ? [] : [Error("limit", message)], errors);
    }

    [Fact]
    public void Booleans_must_be_json_booleans()
    {
        var json = """{ "name": "x-user", "invert": "yes" }""";
        Assert.Equal([Error("invert", "expected a boolean, got a string")], Validate("HttpRouteHeader", json));
        Assert.Empty(Validate("HttpRouteHeader", """{ "name": "x-user", "invert": false }"""));
    }

    [Theory]
    [InlineData("1700000000.123", null)]
    [InlineData("1700000000", null)]
    [InlineData("\"2023-11-14T22:13:20Z\"", null)]
    [InlineData("\"2023-11-14T22:13:20.123+01:00\"", null)]
    [InlineData("\"yesterday\"", "'yesterday' is not a timestamp; expected epoch seconds or an ISO-8601 date-time such as 2019-01-25T00:00:00Z")]
    [InlineData("\"11/14/2023\"", "'11/14/2023' is not a timestamp; expected epoch seconds or an ISO-8601 date-time such as 2019-01-25T00:00:00Z")]
    [InlineData("true", "expected a timestamp (epoch seconds or an ISO-8601 string), got true")]
    public void Timestamps_accept_epoch_seconds_or_iso_8601(string createdAt, string? message)
    {
        var json = $$"""
            { "arn": "a", "createdAt": {{createdAt}}, "lastUpdatedAt": 0, "meshName": "m",
              "meshOwner": "123456789012", "resourceOwner": "123456789012", "version": 1 }
            """;
        Assert.Equal(message is null ? [] : [Error("createdAt", message)], Validate("MeshRef", json));
    }

    [Fact]
    public void Root_values_of_the_wrong_type_are_reported_without_a_path()
    {
        Assert.Equal(["expected an object, got an array"], Validate("CreateMeshInput", "[]").Select(e => e.ToString()));
        Assert.Equal([Error("meshName", "Missing required member 'meshName'")], InputValidator.Validate(ServiceModel.AppMesh.GetShape("CreateMeshInput"), null));
    }

    [Fact]
    public void Null_list_elements_are_rejected()
    {
        var errors = ValidateNode(n => n["spec"]!["listeners"]![0] = null);
        Assert.Equal([Error("spec.listeners[0]", "expected an object, got null")], errors);
    }

    [Fact]
    public void Errors_come_in_a_fixed_order_unknown_then_required_then_members()
    {
        var json = """
            { "zzz": 1, "meshName": "", "spec": { "egressFilter": { "type": "NOPE" } }, "aaa": 2 }
            """;
        var errors = Validate("UpdateMeshInput", json).Select(e => e.ToString());
        Assert.Equal(
            [
                "zzz: Unknown member 'zzz'. Valid members are: clientToken, meshName, spec",
                "aaa: Unknown member 'aaa'. Valid members are: clientToken, meshName, spec",
                "meshName: length 0 is less than the minimum length 1",
                "spec.egressFilter.type: 'NOPE' is not a valid value; expected one of: ALLOW_ALL, DROP_ALL",
            ],
            errors);
    }

    [Fact]
    public void Errors_are_capped()
    {
        var input = new JsonObject { ["meshName"] = "m" };
        for (var i = 0; i < 30; i++)
        {
            input[$"extra{i}"] = i;
        }

        var shape = ServiceModel.AppMesh.GetShape("CreateMeshInput");
        var errors = InputValidator.Validate(shape, input);
        Assert.Equal(InputValidator.DefaultMaxErrors, errors.Count);
        Assert.Equal("extra19", errors[^1].Path);
        Assert.Equal(3, InputValidator.Validate(shape, input, maxErrors: 3).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => InputValidator.Validate(shape, input, maxErrors: 0));
    }

    [Fact]
    public void Map_entries_use_quoted_key_paths()
    {
        var shape = ModelLoadingTests.LoadRecursive().GetShape("PutTreeInput");
        var input = JsonNode.Parse("""
            { "name": "t", "root": { "value": 0 }, "labels": { "ok": 0.5, "toolong": 0.1, "q\"": 2 } }
            """);
        Assert.Equal(
            [
                "labels: has 3 entries, more than the maximum 2",
                "labels[\"toolong\"]: key length 7 is greater than the maximum length 5",
                "labels[\"q\\\"\"]: 2 is greater than the maximum 1",
            ],
            InputValidator.Validate(shape, input).Select(e => e.ToString()));

        input!["labels"] = JsonNode.Parse("""{ "toolong": 0.1, "q\"": "x" }""");
        Assert.Equal(
            [
                "labels[\"toolong\"]: key length 7 is greater than the maximum length 5",
                "labels[\"q\\\"\"]: expected a number, got a string",
            ],
            InputValidator.Validate(shape, input).Select(e => e.ToString()));
    }

    [Fact]
    public void Sensitive_values_are_not_echoed()
    {
        var shape = ModelLoadingTests.LoadRecursive().GetShape("PutTreeInput");
        var input = new JsonObject { ["name"] = "t", ["root"] = new JsonObject { ["value"] = 0 }, ["secret"] = "hunter2" };
        var error = Assert.Single(InputValidator.Validate(shape, input));
        Assert.Equal(Error("secret", "the value does not match the pattern ^[0-9]+$"), error);
    }

    [Theory]
    [InlineData("\"AAECAw==\"", null)]
    [InlineData("\"AAECAwQ=\"", "5 bytes is greater than the maximum length 4")]
    [InlineData("\"not base64!\"", "expected a base64-encoded string")]
    [InlineData("12", "expected a base64-encoded string, got the number 12")]
    public void Blobs_are_base64_with_byte_length_limits(string digest, string? message)
    {
        var shape = ModelLoadingTests.LoadRecursive().GetShape("PutTreeInput");
        var input = JsonNode.Parse($$"""{ "name": "t", "root": { "value": 0 }, "digest": {{digest}} }""");
        Assert.Equal(message is null ? [] : [Error("digest", message)], InputValidator.Validate(shape, input));
    }

    [Theory]
    [InlineData("\"NaN\"", null)]
    [InlineData("\"Infinity\"", null)]
    [InlineData("-0.5", "-0.5 is less than the minimum 0")]
    [InlineData("\"0.5\"", "expected a number, got a string")]
    public void Doubles(string value, string? message)
    {
        var shape = ModelLoadingTests.LoadRecursive().GetShape("Node");
        var errors = InputValidator.Validate(shape, JsonNode.Parse($$"""{ "value": {{value}} }"""));
        Assert.Equal(message is null ? [] : [Error("value", message)], errors);
    }
}
