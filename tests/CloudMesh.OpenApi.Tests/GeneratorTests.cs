using System.Text.Json.Nodes;
using CloudMesh.OpenApi.Tests.Support;

namespace CloudMesh.OpenApi.Tests;

/// <summary>openapi.yaml is exactly what tools/openapi/generate.py makes from the model, so it cannot drift.</summary>
public sealed class GeneratorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cloudmesh-openapi-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void RegeneratedDocument_IsByteIdenticalToTheCommittedOne()
    {
        var output = Path.Combine(_directory, "openapi.yaml");

        var result = ExternalProcess.Python(OpenApiDocument.GeneratorPath, ["--output", output]);

        Assert.True(result.ExitCode == 0, result.Describe());
        var expected = File.ReadAllBytes(OpenApiDocument.CommittedPath);
        var actual = File.ReadAllBytes(output);
        Assert.True(
            expected.AsSpan().SequenceEqual(actual),
            "openapi.yaml is stale or was edited by hand: run python3 tools/openapi/generate.py and commit the result.");
    }

    [Fact]
    public void CheckMode_AcceptsTheCommittedDocument_AndRejectsAnEditedCopy()
    {
        var edited = Path.Combine(_directory, "edited.yaml");
        File.WriteAllText(edited, File.ReadAllText(OpenApiDocument.CommittedPath).Replace("CloudMesh", "OtherMesh", StringComparison.Ordinal));

        var committed = ExternalProcess.Python(OpenApiDocument.GeneratorPath, ["--check", "--output", OpenApiDocument.CommittedPath]);
        var stale = ExternalProcess.Python(OpenApiDocument.GeneratorPath, ["--check", "--output", edited]);

        Assert.True(committed.ExitCode == 0, committed.Describe());
        Assert.Equal(1, stale.ExitCode);
    }

    [Fact]
    public void YamlEmitter_WritesTheSameDataAsJson()
    {
        // The generator's own YAML writer is checked against a real YAML reader: both formats must carry equal data.
        var json = Path.Combine(_directory, "openapi.json");

        var result = ExternalProcess.Python(OpenApiDocument.GeneratorPath, ["--format", "json", "--output", json]);

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(json)), OpenApiDocument.Committed));
    }
}
