using System.Text.Json.Nodes;

namespace CloudMesh.OpenApi.Tests.Support;

/// <summary>openapi.yaml read as JSON (through PyYAML, which openapi-spec-validator also uses).</summary>
internal static class OpenApiDocument
{
    private static readonly Lazy<JsonObject> CommittedDocument = new(() => Load(CommittedPath));

    public static string CommittedPath => RepositoryRoot.Combine("openapi.yaml");

    public static string GeneratorPath => RepositoryRoot.Combine("tools", "openapi", "generate.py");

    /// <summary>The committed document; callers must not modify it.</summary>
    public static JsonObject Committed => CommittedDocument.Value;

    public static JsonObject Load(string yamlPath)
    {
        var result = ExternalProcess.Python(Script("openapi_to_json.py"), [yamlPath]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("could not read " + yamlPath + ": " + result.Describe());
        }

        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    public static string Script(string name) =>
        RepositoryRoot.Combine("tests", "CloudMesh.OpenApi.Tests", "Scripts", name);

    public static JsonObject Operation(string path, string method) =>
        Committed["paths"]?[path]?[method]?.AsObject()
        ?? throw new Xunit.Sdk.XunitException($"openapi.yaml has no {method} {path}");

    /// <summary>The component a "#/components/schemas/X" reference names.</summary>
    public static JsonObject Schema(JsonNode? reference)
    {
        var name = SchemaName(reference);
        return Committed["components"]?["schemas"]?[name]?.AsObject()
            ?? throw new Xunit.Sdk.XunitException("no component schema " + name);
    }

    public static string SchemaName(JsonNode? reference)
    {
        const string prefix = "#/components/schemas/";
        var target = reference?["$ref"]?.GetValue<string>()
            ?? throw new Xunit.Sdk.XunitException("expected a $ref, got " + reference?.ToJsonString());
        Assert.StartsWith(prefix, target, StringComparison.Ordinal);
        return target[prefix.Length..];
    }
}
