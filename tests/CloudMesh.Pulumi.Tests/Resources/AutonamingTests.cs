using System.Text.Json.Nodes;
using CloudMesh.Pulumi.Tests.Support;

namespace CloudMesh.Pulumi.Tests.Resources;

/// <summary>
/// Check's naming of resources declared without a name, under the stack's autonaming configuration
/// (<c>pulumi:autonaming</c>), which the engine sends as <c>CheckRequest.autonaming</c> because the provider declares
/// <c>supports_autonaming_configuration</c>: a proposed name (PROPOSE, ENFORCE) or none allowed (DISABLE).
/// </summary>
[Collection(ProviderCollection.Name)]
public sealed class AutonamingTests(ProviderFixture fixture)
{
    [Theory]
    [InlineData("PROPOSE")]
    [InlineData("ENFORCE")]
    public async Task A_resource_without_a_name_takes_the_proposed_name(string mode)
    {
        var check = await CheckAsync(Json.Object("""{"meshName":"m","spec":{}}"""), new JsonObject(), mode, "prod-web-7f3a");
        Assert.Empty(check["failures"]!.AsArray());
        Assert.Equal("prod-web-7f3a", check["inputs"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Disabled_autonaming_requires_a_name_and_says_so_once()
    {
        var check = await CheckAsync(Json.Object("""{"meshName":"m","spec":{}}"""), new JsonObject(), "DISABLE", "");
        var failure = check["failures"]!.AsArray().Single()!;
        Assert.Equal("name", failure["property"]!.GetValue<string>());
        Assert.Contains("automatic naming is disabled", failure["reason"]!.GetValue<string>());

        var named = await CheckAsync(Json.Object("""{"meshName":"m","name":"web","spec":{}}"""), new JsonObject(), "DISABLE", "");
        Assert.Empty(named["failures"]!.AsArray());
        Assert.Equal("web", named["inputs"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_explicit_name_and_an_existing_name_win_over_the_proposal()
    {
        // Autonaming applies to resources declared without a name.
        var named = await CheckAsync(Json.Object("""{"meshName":"m","name":"web","spec":{}}"""), new JsonObject(), "ENFORCE", "prod-web-7f3a");
        Assert.Equal("web", named["inputs"]!["name"]!.GetValue<string>());

        // An update proposes a fresh name (a fresh random seed each deployment); keeping the existing one avoids a replace.
        var update = await CheckAsync(Json.Object("""{"meshName":"m","spec":{}}"""), Json.Object("""{"meshName":"m","name":"web-1a2b3c4","spec":{}}"""), "PROPOSE", "prod-web-9e8d");
        Assert.Equal("web-1a2b3c4", update["inputs"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_proposed_name_the_api_would_refuse_fails_at_name()
    {
        // ENFORCE: "the provider must use exactly the proposed name or return an error" (provider.proto).
        var check = await CheckAsync(Json.Object("""{"meshName":"m","spec":{}}"""), new JsonObject(), "ENFORCE", new string('w', 300));
        Assert.Equal("name", check["failures"]!.AsArray().Single()!["property"]!.GetValue<string>());
    }

    private Task<JsonObject> CheckAsync(JsonObject news, JsonObject olds, string mode, string proposedName) =>
        fixture.Engine.CallAsync("Check", new JsonObject
        {
            ["urn"] = EngineSteps.Urn("VirtualNode", "web"), ["type"] = EngineSteps.Token("VirtualNode"), ["name"] = "web",
            ["olds"] = olds, ["news"] = news, ["randomSeed"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
            ["autonaming"] = new JsonObject { ["proposedName"] = proposedName, ["mode"] = mode },
        });
}
