using System.Text.Json.Nodes;
using CloudMesh.Pulumi.Tests.Support;

namespace CloudMesh.Pulumi.Tests.Resources;

/// <summary>
/// The engine's sequences around Read (pkg/resource/deploy/step.go). Refresh: Read with the state's inputs, whose
/// returned inputs replace them, then Diff(old inputs = the read inputs, new inputs = the state's). Import: Read with
/// the id alone, Check(olds = the read inputs, news = the program's), then Diff, which must find nothing or the import
/// fails ("inputs to import do not match the existing resource").
/// </summary>
[Collection(ProviderCollection.Name)]
public sealed class RefreshAndImportTests(ProviderFixture fixture)
{
    private readonly EngineSteps _steps = new(fixture);

    [Fact]
    public async Task A_resource_declared_without_spec_or_tags_refreshes_and_imports_without_a_diff()
    {
        var program = new JsonObject();
        var mesh = await _steps.CreateAsync("Mesh", "bare", program);
        var urn = EngineSteps.Urn("Mesh", "bare");

        // Refresh: the inputs come back exactly as the state has them, and the refresh diff is empty.
        var refreshed = await fixture.Engine.CallAsync("Read", new JsonObject
        {
            ["id"] = mesh.Id, ["urn"] = urn, ["type"] = EngineSteps.Token("Mesh"), ["properties"] = mesh.Outputs.DeepClone(), ["inputs"] = mesh.Inputs.DeepClone(),
        });
        Assert.True(JsonNode.DeepEquals(mesh.Inputs, refreshed["inputs"]), refreshed["inputs"]!.ToJsonString());
        Assert.Equal("DIFF_NONE", (await DiffAsync(mesh.Id, urn, refreshed["inputs"]!.AsObject(), refreshed["properties"]!.AsObject(), mesh.Inputs))["changes"]!.GetValue<string>());

        // Import into a program that declares the mesh by name only.
        var imported = await fixture.Engine.CallAsync("Read", new JsonObject { ["id"] = mesh.Id, ["urn"] = EngineSteps.Urn("Mesh", "adopted"), ["type"] = EngineSteps.Token("Mesh") });
        Assert.Null(imported["inputs"]!["tags"]);
        var news = await fixture.Engine.CallAsync("Check", new JsonObject
        {
            ["urn"] = EngineSteps.Urn("Mesh", "adopted"), ["type"] = EngineSteps.Token("Mesh"), ["name"] = "adopted",
            ["olds"] = imported["inputs"]!.DeepClone(), ["news"] = new JsonObject { ["name"] = mesh.Name },
        });
        Assert.Empty(news["failures"]!.AsArray());
        var diff = await DiffAsync(mesh.Id, EngineSteps.Urn("Mesh", "adopted"), imported["inputs"]!.AsObject(), imported["properties"]!.AsObject(), news["inputs"]!.AsObject());
        Assert.Equal("DIFF_NONE", diff["changes"]!.GetValue<string>());
        await _steps.DeleteAsync("Mesh", mesh.Name);
    }

    [Fact]
    public async Task A_refresh_still_reports_a_spec_emptied_outside_pulumi()
    {
        var mesh = await _steps.CreateAsync("Mesh", "drift", Json.Object("""{"spec":{"egressFilter":{"type":"ALLOW_ALL"}}}"""));
        await fixture.Api.UpdateAsync(CloudMesh.Api.Core.Resources.ResourceKey.ForMesh(mesh.Name), new JsonObject(), CancellationToken.None);

        var refreshed = await fixture.Engine.CallAsync("Read", new JsonObject
        {
            ["id"] = mesh.Id, ["urn"] = EngineSteps.Urn("Mesh", "drift"), ["type"] = EngineSteps.Token("Mesh"), ["properties"] = mesh.Outputs.DeepClone(), ["inputs"] = mesh.Inputs.DeepClone(),
        });
        Assert.Empty(refreshed["inputs"]!["spec"]!.AsObject());
        var diff = await DiffAsync(mesh.Id, EngineSteps.Urn("Mesh", "drift"), refreshed["inputs"]!.AsObject(), refreshed["properties"]!.AsObject(), mesh.Inputs);
        Assert.Equal("ADD", diff["detailedDiff"]!["spec.egressFilter"]!.GetValue<string>());
        await _steps.DeleteAsync("Mesh", mesh.Name);
    }

    [Fact]
    public async Task A_read_honours_the_timeout_the_engine_gives()
    {
        var mesh = await _steps.CreateAsync("Mesh", "timeout", new JsonObject());
        // A tenth of a millisecond: past before the request can be sent, so the deadline, not the API, answers.
        var late = await Assert.ThrowsAsync<ProviderCallException>(() => fixture.Engine.CallAsync("Read", new JsonObject
        {
            ["id"] = mesh.Id, ["urn"] = EngineSteps.Urn("Mesh", "timeout"), ["type"] = EngineSteps.Token("Mesh"), ["timeout"] = 0.0001,
        }));
        Assert.Equal(4, late.Code);
        Assert.Contains(mesh.Id, late.Details);
        await _steps.DeleteAsync("Mesh", mesh.Name);
    }

    private Task<JsonObject> DiffAsync(string id, string urn, JsonObject oldInputs, JsonObject oldOutputs, JsonObject news) =>
        fixture.Engine.CallAsync("Diff", new JsonObject
        {
            ["id"] = id, ["urn"] = urn, ["type"] = EngineSteps.Token("Mesh"), ["olds"] = oldOutputs.DeepClone(), ["oldInputs"] = oldInputs.DeepClone(), ["news"] = news.DeepClone(),
        });
}
