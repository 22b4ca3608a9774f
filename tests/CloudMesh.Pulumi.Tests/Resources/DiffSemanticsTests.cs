using System.Text.Json.Nodes;
using CloudMesh.Pulumi.Tests.Support;

namespace CloudMesh.Pulumi.Tests.Resources;

/// <summary>
/// Diff where the inputs say the same thing in two ways. A replacement is create-before-delete unless the provider asks
/// otherwise (step_generator.go, continueStepsFromDiff), so a false replace of a resource whose key does not change
/// would create a second one with the same name: the API refuses it (ConflictException) and the update fails.
/// </summary>
[Collection(ProviderCollection.Name)]
public sealed class DiffSemanticsTests(ProviderFixture fixture)
{
    private const string Node = "arn:aws:appmesh:us-east-1:{0}:mesh/m/virtualNode/web";

    [Fact]
    public async Task An_absent_spec_or_tags_map_is_the_same_as_an_empty_one()
    {
        var olds = Json.Object("""{"meshName":"m","name":"web"}""");
        var news = Json.Object("""{"meshName":"m","name":"web","spec":{},"tags":{}}""");
        Assert.Equal("DIFF_NONE", (await DiffAsync(olds, Outputs(), news))["changes"]!.GetValue<string>());
        Assert.Equal("DIFF_NONE", (await DiffAsync(news, Outputs(), olds))["changes"]!.GetValue<string>());
    }

    [Fact]
    public async Task Naming_the_own_account_as_mesh_owner_or_no_longer_naming_it_changes_nothing()
    {
        var implicitOwner = Json.Object("""{"meshName":"m","name":"web","spec":{}}""");
        var explicitOwner = Json.Object("""{"meshName":"m","name":"web","spec":{},"meshOwner":"$account"}""", ("account", fixture.Tenant.AccountId));
        Assert.Equal("DIFF_NONE", (await DiffAsync(implicitOwner, Outputs(), explicitOwner))["changes"]!.GetValue<string>());
        Assert.Equal("DIFF_NONE", (await DiffAsync(explicitOwner, Outputs(), implicitOwner))["changes"]!.GetValue<string>());
    }

    [Fact]
    public async Task Moving_to_another_accounts_mesh_or_back_replaces()
    {
        var own = Json.Object("""{"meshName":"m","name":"web","spec":{}}""");
        var shared = Json.Object("""{"meshName":"m","name":"web","spec":{},"meshOwner":"210987654321"}""");
        var toShared = await DiffAsync(own, Outputs(), shared);
        Assert.Equal(["meshOwner"], toShared["replaces"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("ADD_REPLACE", toShared["detailedDiff"]!["meshOwner"]!.GetValue<string>());

        // A resource living in account 210987654321's mesh, whose program stops naming that owner.
        var back = await DiffAsync(shared, Outputs(meshOwner: "210987654321"), own);
        Assert.Equal(["meshOwner"], back["replaces"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("DELETE_REPLACE", back["detailedDiff"]!["meshOwner"]!.GetValue<string>());
    }

    private JsonObject Outputs(string? meshOwner = null) => Json.Object(
        """{"meshName":"m","name":"web","spec":{},"arn":"$arn","meshOwner":"$owner","resourceOwner":"$account","version":1}""",
        ("arn", string.Format(System.Globalization.CultureInfo.InvariantCulture, Node, meshOwner ?? fixture.Tenant.AccountId)),
        ("owner", meshOwner ?? fixture.Tenant.AccountId), ("account", fixture.Tenant.AccountId));

    private Task<JsonObject> DiffAsync(JsonObject oldInputs, JsonObject oldOutputs, JsonObject news) =>
        fixture.Engine.CallAsync("Diff", new JsonObject
        {
            ["id"] = oldOutputs["arn"]!.GetValue<string>(), ["urn"] = EngineSteps.Urn("VirtualNode", "web"), ["type"] = EngineSteps.Token("VirtualNode"),
            ["olds"] = oldOutputs.DeepClone(), ["oldInputs"] = oldInputs.DeepClone(), ["news"] = news.DeepClone(),
        });
}
