using CloudMesh.Sdk.Generator;
using CloudMesh.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CloudMesh.Sdk.Tests.Generator;

/// <summary>The source generator driven in-process: what it emits for the real model, its caching, and its diagnostics.</summary>
public sealed class AppMeshSdkGeneratorTests
{
    private static readonly string ModelPath = RepoPaths.Combine("api", "CloudMesh.AppMesh.Model", "appmesh-2019-01-25.json");

    [Fact]
    public void The_real_model_generates_every_operation_without_diagnostics()
    {
        var result = Run(new ModelFile(ModelPath, File.ReadAllText(ModelPath))).GetRunResult();

        Assert.Empty(result.Diagnostics);
        var hints = result.Results.Single().GeneratedSources.Select(s => s.HintName).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(38, hints.Count(h => h.EndsWith("RequestMarshaller.g.cs", StringComparison.Ordinal)));
        Assert.Equal(38, hints.Count(h => h.EndsWith("ResponseUnmarshaller.g.cs", StringComparison.Ordinal)));
        Assert.Contains("Model/CreateMeshRequest.g.cs", hints);
        Assert.Contains("Model/MeshData.g.cs", hints);
        Assert.Contains("Transform/VirtualNodeSpecJsonCodec.g.cs", hints);
        Assert.Contains("Model/ListMeshesPaginator.g.cs", hints);
    }

    [Fact]
    public void An_unchanged_model_is_not_generated_again()
    {
        var model = new ModelFile(ModelPath, File.ReadAllText(ModelPath));
        var driver = Run(model);

        var second = driver.RunGenerators(Compilation()).GetRunResult().Results.Single();

        var outputs = second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Theory]
    [InlineData("{\"metadata\":")]
    [InlineData("{\"metadata\":{\"apiVersion\":\"1\",\"serviceId\":\"x\",\"signingName\":\"x\"},\"shapes\":{\"A\":{\"type\":\"map\"}},\"operations\":{}}")]
    [InlineData("{\"metadata\":{\"apiVersion\":\"1\",\"serviceId\":\"x\",\"signingName\":\"x\"},\"shapes\":{\"A\":{\"type\":\"structure\",\"members\":{\"b\":{\"shape\":\"Missing\"}}}},\"operations\":{}}")]
    public void A_model_it_cannot_read_is_an_error_naming_the_file(string json)
    {
        var diagnostic = Assert.Single(Run(new ModelFile("/models/appmesh-2019-01-25.json", json)).GetRunResult().Diagnostics);

        Assert.Equal("CMSDK001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("/models/appmesh-2019-01-25.json", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_model_file_the_generator_reports_it()
    {
        var diagnostic = Assert.Single(Run(new ModelFile("/models/other.json", "{}")).GetRunResult().Diagnostics);
        Assert.Equal("CMSDK002", diagnostic.Id);
    }

    private static GeneratorDriver Run(AdditionalText model)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new AppMeshSdkGenerator().AsSourceGenerator()],
            [model],
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return driver.RunGenerators(Compilation());
    }

    private static CSharpCompilation Compilation() => CSharpCompilation.Create("GeneratorTest");

    private sealed class ModelFile(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
