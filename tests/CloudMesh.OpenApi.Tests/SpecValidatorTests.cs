using CloudMesh.OpenApi.Tests.Support;

namespace CloudMesh.OpenApi.Tests;

/// <summary>openapi.yaml is a valid OpenAPI 3.0 document according to openapi-spec-validator.</summary>
public sealed class SpecValidatorTests
{
    [Fact]
    public void CommittedDocument_PassesOpenApiSpecValidator()
    {
        var result = ExternalProcess.Run("openapi-spec-validator", [OpenApiDocument.CommittedPath]);

        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Fact]
    public void Validator_RejectsTheDocumentWithADanglingReference()
    {
        // Proves the check above can fail on this very document, not only on toy input.
        var broken = OpenApiDocument.Committed.DeepClone().AsObject();
        broken["components"]!["schemas"]!.AsObject().Remove("ErrorBody");
        var path = Path.Combine(Path.GetTempPath(), $"cloudmesh-openapi-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, broken.ToJsonString());

            var result = ExternalProcess.Run("openapi-spec-validator", [path]);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("ErrorBody", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Document_DeclaresVersionServerAndBothSecuritySchemes()
    {
        var document = OpenApiDocument.Committed;

        Assert.Equal("3.0.3", document["openapi"]!.GetValue<string>());
        Assert.Equal("CloudMesh", document["info"]!["title"]!.GetValue<string>());
        Assert.Equal("2019-01-25", document["info"]!["version"]!.GetValue<string>());
        Assert.Equal("http://localhost:8080", document["servers"]![0]!["url"]!.GetValue<string>());
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("apiKey", schemes["sigv4"]!["type"]!.GetValue<string>());
        Assert.Equal("header", schemes["sigv4"]!["in"]!.GetValue<string>());
        Assert.Equal("Authorization", schemes["sigv4"]!["name"]!.GetValue<string>());
        Assert.Equal("http", schemes["adminToken"]!["type"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["adminToken"]!["scheme"]!.GetValue<string>());
    }
}
