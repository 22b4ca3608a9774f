using System.Text.Json.Nodes;
using CloudMesh.OpenApi.Tests.Support;

namespace CloudMesh.OpenApi.Tests;

/// <summary>Every App Mesh operation in the document matches botocore's model: route, members, output, errors.</summary>
public sealed class AppMeshOperationTests
{
    private static readonly AppMeshModel Model = AppMeshModel.Instance;

    public static TheoryData<string> Operations => AppMeshModel.OperationNames();

    [Fact]
    public void Document_HasExactlyTheModelsOperations()
    {
        var expected = Model.Operations
            .Select(o => $"{o.Value!["http"]!["method"]!.GetValue<string>().ToLowerInvariant()} {o.Value["http"]!["requestUri"]!.GetValue<string>()} {o.Key}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var signed = OpenApiDocument.Committed["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => (Path: p.Key, Method: m.Key, Operation: m.Value!)))
            .Where(o => o.Operation["security"]!.AsArray().Any(s => s!["sigv4"] is not null))
            .ToList();
        var actual = signed
            .Where(o => o.Path.StartsWith("/v20190125/", StringComparison.Ordinal))
            .Select(o => $"{o.Method} {o.Path} {o.Operation["operationId"]!.GetValue<string>()}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(38, expected.Count);
        Assert.Equal(expected, actual);
        // Besides App Mesh's own operations, only CloudMesh's extensions (the endpoint registry) are tenant-signed.
        Assert.All(signed.Where(o => !o.Path.StartsWith("/v20190125/", StringComparison.Ordinal)),
            o => Assert.StartsWith("/cloudmesh/v1/", o.Path, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_UsesTheModelsRouteStatusAndSigV4(string name)
    {
        var http = Model.Operation(name)["http"]!;

        var operation = Find(name);

        Assert.Equal(name, operation["operationId"]!.GetValue<string>());
        Assert.Equal("sigv4", Assert.Single(operation["security"]!.AsArray().Single()!.AsObject()).Key);
        var status = (http["responseCode"]?.GetValue<int>() ?? 200).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotNull(operation["responses"]![status]);
        Assert.Single(operation["responses"]!.AsObject(), r => r.Key.StartsWith('2'));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_ListsEveryModelErrorUnderItsStatus(string name)
    {
        var responses = Find(name)["responses"]!;
        var errors = Model.Operation(name)["errors"]!.AsArray().Select(e => e!["shape"]!.GetValue<string>()).ToList();

        foreach (var error in errors)
        {
            var status = Model.Shape(error)["error"]!["httpStatusCode"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = responses[status] ?? throw new Xunit.Sdk.XunitException($"{name}: no {status} response for {error}");
            var header = response["headers"]!["x-amzn-ErrorType"]!;
            Assert.True(header["required"]!.GetValue<bool>());
            Assert.Contains(error, header["schema"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()));
            Assert.Equal("ErrorBody", OpenApiDocument.SchemaName(response["content"]!["application/json"]!["schema"]));
        }

        // Nothing beyond the model: every error status documented is one the model lists.
        var modelStatuses = errors.Select(e => Model.Shape(e)["error"]!["httpStatusCode"]!.GetValue<int>()).ToHashSet();
        var documented = responses.AsObject().Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).Where(s => s >= 400);
        Assert.All(documented, s => Assert.Contains(s, modelStatuses));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_DescribesEveryInputMember_AndRequiresTheRequiredOnes(string name)
    {
        var operation = Find(name);
        var input = Model.Shape(Model.Operation(name)["input"]!["shape"]!.GetValue<string>());
        var required = input["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        var parameters = operation["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
        var body = operation["requestBody"] is { } requestBody
            ? OpenApiDocument.Schema(requestBody["content"]!["application/json"]!["schema"])
            : null;
        var bodyRequired = body?["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];

        foreach (var (member, definition) in input["members"]!.AsObject())
        {
            var location = definition!["location"]?.GetValue<string>();
            if (location is null)
            {
                Assert.NotNull(body);
                Assert.NotNull(body["properties"]![member]);
                Assert.Equal(definition["shape"]!.GetValue<string>(), OpenApiDocument.SchemaName(body["properties"]![member]));
                Assert.Equal(required.Contains(member), bodyRequired.Contains(member));
                continue;
            }

            var wireName = definition["locationName"]?.GetValue<string>() ?? member;
            var expectedIn = location switch { "uri" => "path", "querystring" => "query", _ => location };
            var parameter = Assert.Single(parameters, p => p["name"]!.GetValue<string>() == wireName && p["in"]!.GetValue<string>() == expectedIn);
            Assert.Equal(location == "uri" || required.Contains(member), parameter["required"]!.GetValue<bool>());
            Assert.Equal(definition["shape"]!.GetValue<string>(), OpenApiDocument.SchemaName(parameter["schema"]));
        }

        Assert.Equal(input["members"]!.AsObject().Count(m => m.Value!["location"] is not null), parameters.Count);
        if (body is not null)
        {
            Assert.True(operation["requestBody"]!["required"]!.GetValue<bool>());
            Assert.False(body["additionalProperties"]!.GetValue<bool>());
            Assert.Equal(input["members"]!.AsObject().Count(m => m.Value!["location"] is null), body["properties"]!.AsObject().Count);
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Operation_SuccessBodyIsTheOutputShape_OrItsPayloadMember(string name)
    {
        var output = Model.Operation(name)["output"]!["shape"]!.GetValue<string>();
        var outputShape = Model.Shape(output);
        var expected = outputShape["payload"] is { } payload
            ? outputShape["members"]![payload.GetValue<string>()]!["shape"]!.GetValue<string>()
            : output;

        var success = Find(name)["responses"]!.AsObject().Single(r => r.Key.StartsWith('2')).Value!;

        Assert.Equal(expected, OpenApiDocument.SchemaName(success["content"]!["application/json"]!["schema"]));
    }

    private static JsonObject Find(string name)
    {
        var http = Model.Operation(name)["http"]!;
        return OpenApiDocument.Operation(http["requestUri"]!.GetValue<string>(), http["method"]!.GetValue<string>().ToLowerInvariant());
    }
}
