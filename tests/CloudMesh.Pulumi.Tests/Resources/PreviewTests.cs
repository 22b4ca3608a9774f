using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Pulumi.Tests.Support;

namespace CloudMesh.Pulumi.Tests.Resources;

/// <summary>
/// Create and Update with <c>preview = true</c>, which the engine sends during <c>pulumi preview</c> because Configure
/// answers <c>supportsPreview</c>: no API call, the outputs the operation will produce as far as the inputs tell, and
/// Pulumi's unknown for what only the API can say.
/// </summary>
[Collection(ProviderCollection.Name)]
public sealed class PreviewTests(ProviderFixture fixture)
{
    private readonly EngineSteps _steps = new(fixture);

    [Fact]
    public async Task A_previewed_create_creates_nothing_and_leaves_what_the_api_assigns_unknown()
    {
        var inputs = await _steps.CheckAsync("Mesh", "preview", Json.Object("""{"tags":{"team":"a"}}"""));
        var name = inputs["name"]!.GetValue<string>();
        var previewed = (await fixture.Engine.CallAsync("Create", new JsonObject
        {
            ["urn"] = EngineSteps.Urn("Mesh", "preview"), ["type"] = EngineSteps.Token("Mesh"), ["properties"] = inputs.DeepClone(), ["preview"] = true,
        }))["properties"]!.AsObject();

        Assert.Equal(name, previewed["name"]!.GetValue<string>());
        Assert.Equal("a", previewed["tags"]!["team"]!.GetValue<string>());
        foreach (var assigned in new[] { "arn", "uid", "version", "createdAt", "lastUpdatedAt", "meshOwner", "resourceOwner", "status" })
        {
            Assert.Equal(Secrets.Unknown, previewed[assigned]?.GetValue<string>());
        }

        var missing = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Api.DescribeAsync(ResourceKey.ForMesh(name), CancellationToken.None));
        Assert.Contains("NotFound", missing.GetType().Name + missing.Message);
    }

    [Fact]
    public async Task A_previewed_update_changes_nothing_and_shows_the_new_inputs()
    {
        var mesh = await _steps.CreateAsync("Mesh", "preview-update", Json.Object("""{"spec":{"egressFilter":{"type":"ALLOW_ALL"}},"tags":{"team":"a"}}"""));
        var news = (JsonObject)mesh.Inputs.DeepClone();
        news["spec"] = Json.Object("""{"egressFilter":{"type":"DROP_ALL"}}""");
        news.Remove("tags");

        var previewed = (await fixture.Engine.CallAsync("Update", new JsonObject
        {
            ["id"] = mesh.Id, ["urn"] = EngineSteps.Urn("Mesh", "preview-update"), ["type"] = EngineSteps.Token("Mesh"),
            ["olds"] = mesh.Outputs.DeepClone(), ["oldInputs"] = mesh.Inputs.DeepClone(), ["news"] = news, ["preview"] = true,
        }))["properties"]!.AsObject();

        // The new inputs, not the old outputs where the two differ: the removed tags are gone.
        Assert.Equal("DROP_ALL", Json.Text(previewed, "spec.egressFilter.type"));
        Assert.Null(previewed["tags"]);
        // What an update keeps is known; what it changes is not.
        Assert.Equal(mesh.Id, previewed["arn"]!.GetValue<string>());
        Assert.Equal(Json.Text(mesh.Outputs, "createdAt"), Json.Text(previewed, "createdAt"));
        Assert.Equal(Secrets.Unknown, previewed["version"]!.GetValue<string>());
        Assert.Equal(Secrets.Unknown, previewed["lastUpdatedAt"]!.GetValue<string>());

        // And the mesh itself is as it was.
        var live = await fixture.Api.DescribeAsync(ResourceKey.ForMesh(mesh.Name), CancellationToken.None);
        Assert.Equal("ALLOW_ALL", Json.Text(live, "spec.egressFilter.type"));
        Assert.Equal(1, live["metadata"]!["version"]!.GetValue<int>());
        Assert.Equal("a", (await fixture.Api.TagsAsync(mesh.Id, CancellationToken.None))["team"]);
        await _steps.DeleteAsync("Mesh", mesh.Name);
    }
}
