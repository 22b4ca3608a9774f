using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Pulumi.Tests.Support;

/// <summary>
/// The engine's usual request sequences against the shared plugin, for tests that need a resource to exist or to go:
/// Check then Create (as a <c>pulumi up</c> registers a new resource), and Delete by the ARN the id is.
/// </summary>
public sealed class EngineSteps(ProviderFixture fixture)
{
    /// <summary>The resource token of a type name (<c>cloudmesh:index:Mesh</c>).</summary>
    public static string Token(string type) => "cloudmesh:index:" + type;

    /// <summary>The URN the engine would use for resource <paramref name="name"/> of <paramref name="type"/>.</summary>
    public static string Urn(string type, string name) => $"urn:pulumi:test::cloudmesh-tests::{Token(type)}::{name}";

    /// <summary>Checks <paramref name="news"/> as a new resource; fails the test on any check failure.</summary>
    public async Task<JsonObject> CheckAsync(string type, string pulumiName, JsonObject news)
    {
        var check = await fixture.Engine.CallAsync("Check", new JsonObject
        {
            ["urn"] = Urn(type, pulumiName), ["type"] = Token(type), ["name"] = pulumiName, ["news"] = news.DeepClone(),
            ["randomSeed"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
        });
        Assert.Empty(check["failures"]!.AsArray());
        return check["inputs"]!.DeepClone().AsObject();
    }

    /// <summary>Checks and creates a resource through the provider.</summary>
    public async Task<CreatedResource> CreateAsync(string type, string pulumiName, JsonObject news)
    {
        var inputs = await CheckAsync(type, pulumiName, news);
        var created = await fixture.Engine.CallAsync("Create", new JsonObject
        {
            ["urn"] = Urn(type, pulumiName), ["type"] = Token(type), ["name"] = pulumiName, ["properties"] = inputs.DeepClone(), ["timeout"] = 60,
        });
        return new CreatedResource(created["id"]!.GetValue<string>(), inputs, created["properties"]!.DeepClone().AsObject());
    }

    /// <summary>Deletes a resource by its key, as the engine deletes by id.</summary>
    public async Task DeleteAsync(string type, string name, string? mesh = null, string parent = "")
    {
        var kind = ResourceKinds.FindByTypeName(type)!;
        var key = kind.IsMesh ? ResourceKey.ForMesh(name) : new ResourceKey(kind, mesh!, parent, name);
        await fixture.Engine.CallAsync("Delete", new JsonObject { ["id"] = Arn.Format("us-east-1", fixture.Tenant.AccountId, key), ["type"] = Token(type) });
    }
}
