using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Pulumi.Tests.Support;

namespace CloudMesh.Pulumi.Tests.Resources;

/// <summary>
/// Each kind through the engine's whole sequence: Check (auto-name) → Create → verified through the SDK → Diff (none,
/// spec change, name change = replace) → Update → Read (refresh, import by id) → get function → Delete, twice.
/// </summary>
[Collection(ProviderCollection.Name)]
public sealed partial class ResourceLifecycleTests(ProviderFixture fixture)
{
    private readonly EngineSteps _steps = new(fixture);

    private EngineClient Engine => fixture.Engine;

    [Fact]
    public async Task Mesh()
    {
        await RunAsync(new LifecycleCase("Mesh", Json.Object("""{"spec":{"egressFilter":{"type":"ALLOW_ALL"}}}"""),
            Json.Object("""{"egressFilter":{"type":"DROP_ALL"}}"""), "egressFilter.type"), ResourceKinds.Mesh);
    }

    [Fact]
    public async Task Virtual_node()
    {
        var mesh = await CreateMeshAsync("vn");
        await RunAsync(new LifecycleCase("VirtualNode",
            Json.Object("""{"meshName":"$mesh","spec":{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}],"serviceDiscovery":{"dns":{"hostname":"a.local"}}}}""", ("mesh", mesh)),
            Json.Object("""{"listeners":[{"portMapping":{"port":9090,"protocol":"http"}}],"serviceDiscovery":{"dns":{"hostname":"a.local"}}}"""),
            "listeners[0].portMapping.port"), ResourceKinds.VirtualNode);
        await DeleteAsync("Mesh", mesh);
    }

    [Fact]
    public async Task Virtual_router_and_route()
    {
        var mesh = await CreateMeshAsync("route");
        var node = await CreateAsync("VirtualNode", "backend", Json.Object("""{"meshName":"$mesh","spec":{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}]}}""", ("mesh", mesh)));
        await RunAsync(new LifecycleCase("VirtualRouter",
            Json.Object("""{"meshName":"$mesh","spec":{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}]}}""", ("mesh", mesh)),
            Json.Object("""{"listeners":[{"portMapping":{"port":8081,"protocol":"http"}}]}"""),
            "listeners[0].portMapping.port"), ResourceKinds.VirtualRouter);
        var router = await CreateAsync("VirtualRouter", "router", Json.Object("""{"meshName":"$mesh","spec":{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}]}}""", ("mesh", mesh)));
        await RunAsync(new LifecycleCase("Route",
            Json.Object("""{"meshName":"$mesh","virtualRouterName":"$router","spec":{"httpRoute":{"match":{"prefix":"/"},"action":{"weightedTargets":[{"virtualNode":"$node","weight":1}]}}}}""", ("mesh", mesh), ("router", router), ("node", node)),
            Json.Object("""{"httpRoute":{"match":{"prefix":"/"},"action":{"weightedTargets":[{"virtualNode":"$node","weight":7}]}}}""", ("node", node)),
            "httpRoute.action.weightedTargets[0].weight"), ResourceKinds.Route);
        await DeleteAsync("VirtualRouter", router, mesh);
        await DeleteAsync("VirtualNode", node, mesh);
        await DeleteAsync("Mesh", mesh);
    }

    [Fact]
    public async Task Virtual_service()
    {
        var mesh = await CreateMeshAsync("vs");
        var first = await CreateAsync("VirtualNode", "first", Json.Object("""{"meshName":"$mesh","spec":{}}""", ("mesh", mesh)));
        var second = await CreateAsync("VirtualNode", "second", Json.Object("""{"meshName":"$mesh","spec":{}}""", ("mesh", mesh)));
        await RunAsync(new LifecycleCase("VirtualService",
            Json.Object("""{"meshName":"$mesh","name":"orders.$mesh.local","spec":{"provider":{"virtualNode":{"virtualNodeName":"$first"}}}}""", ("mesh", mesh), ("first", first)),
            Json.Object("""{"provider":{"virtualNode":{"virtualNodeName":"$second"}}}""", ("second", second)),
            "provider.virtualNode.virtualNodeName"), ResourceKinds.VirtualService);
        await DeleteAsync("VirtualNode", first, mesh);
        await DeleteAsync("VirtualNode", second, mesh);
        await DeleteAsync("Mesh", mesh);
    }

    [Fact]
    public async Task Virtual_gateway_and_gateway_route()
    {
        var mesh = await CreateMeshAsync("gw");
        var service = await CreateAsync("VirtualService", "svc", Json.Object("""{"meshName":"$mesh","name":"svc.$mesh.local","spec":{}}""", ("mesh", mesh)));
        var gateway = await CreateAsync("VirtualGateway", "gateway", Json.Object("""{"meshName":"$mesh","spec":{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}]}}""", ("mesh", mesh)));
        await RunAsync(new LifecycleCase("VirtualGateway",
            Json.Object("""{"meshName":"$mesh","spec":{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}]}}""", ("mesh", mesh)),
            Json.Object("""{"listeners":[{"portMapping":{"port":8443,"protocol":"http"}}]}"""),
            "listeners[0].portMapping.port"), ResourceKinds.VirtualGateway);
        await RunAsync(new LifecycleCase("GatewayRoute",
            Json.Object("""{"meshName":"$mesh","virtualGatewayName":"$gateway","spec":{"httpRoute":{"match":{"prefix":"/"},"action":{"target":{"virtualService":{"virtualServiceName":"$service"}}}}}}""", ("mesh", mesh), ("gateway", gateway), ("service", service)),
            Json.Object("""{"httpRoute":{"match":{"prefix":"/api"},"action":{"target":{"virtualService":{"virtualServiceName":"$service"}}}}}""", ("service", service)),
            "httpRoute.match.prefix"), ResourceKinds.GatewayRoute);
        await DeleteAsync("VirtualGateway", gateway, mesh);
        await DeleteAsync("VirtualService", service, mesh);
        await DeleteAsync("Mesh", mesh);
    }

    private async Task RunAsync(LifecycleCase c, ResourceKind kind)
    {
        var pulumiName = kind.Name.ToLowerInvariant();
        var check = await Engine.CallAsync("Check", new JsonObject
        {
            ["urn"] = c.Urn(pulumiName), ["type"] = c.Token, ["name"] = pulumiName, ["olds"] = new JsonObject(), ["news"] = c.Inputs.DeepClone(),
            ["randomSeed"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()),
        });
        Assert.Empty(check["failures"]!.AsArray());
        var inputs = check["inputs"]!.AsObject();
        var name = inputs["name"]!.GetValue<string>();
        if (c.Inputs["name"] is null)
        {
            Assert.Matches($"^{pulumiName}-[0-9a-f]{{7}}$", name);
        }

        // Create, and see it through the API with the SDK.
        var created = await Engine.CallAsync("Create", new JsonObject { ["urn"] = c.Urn(pulumiName), ["type"] = c.Token, ["properties"] = inputs.DeepClone(), ["timeout"] = 60 });
        var id = created["id"]!.GetValue<string>();
        var outputs = created["properties"]!.AsObject();
        Assert.StartsWith($"arn:aws:appmesh:us-east-1:{fixture.Tenant.AccountId}:mesh/", id);
        Assert.Equal(id, outputs["arn"]!.GetValue<string>());
        Assert.Equal(name, outputs["name"]!.GetValue<string>());
        Assert.Equal("ACTIVE", outputs["status"]!.GetValue<string>());
        Assert.Equal(1, outputs["version"]!.GetValue<int>());
        Assert.Equal(fixture.Tenant.AccountId, outputs["meshOwner"]!.GetValue<string>());
        Assert.Matches(Rfc3339(), outputs["createdAt"]!.GetValue<string>());
        var key = KeyOf(kind, inputs);
        var live = await fixture.Api.DescribeAsync(key, CancellationToken.None);
        Assert.Equal(Json.Text(c.Inputs["spec"], c.ProbePath), Json.Text(live["spec"], c.ProbePath));

        // Diff: nothing, a spec change (in place), a name change (replace).
        var same = await DiffAsync(c, id, outputs, inputs, inputs);
        Assert.Equal("DIFF_NONE", same["changes"]!.GetValue<string>());
        var changed = (JsonObject)inputs.DeepClone();
        changed["spec"] = c.ChangedSpec.DeepClone();
        changed["tags"] = new JsonObject { ["team"] = "payments" };
        var update = await DiffAsync(c, id, outputs, inputs, changed);
        Assert.Equal("DIFF_SOME", update["changes"]!.GetValue<string>());
        Assert.Empty(update["replaces"]!.AsArray());
        Assert.Equal("UPDATE", update["detailedDiff"]!["spec." + c.ProbePath]?.GetValue<string>());
        Assert.Equal("ADD", update["detailedDiff"]!["tags"]?.GetValue<string>());
        Assert.False(update["deleteBeforeReplace"]!.GetValue<bool>());
        var renamed = (JsonObject)inputs.DeepClone();
        renamed["name"] = name + "x";
        var replace = await DiffAsync(c, id, outputs, inputs, renamed);
        Assert.Equal(["name"], replace["replaces"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("UPDATE_REPLACE", replace["detailedDiff"]!["name"]!.GetValue<string>());

        // Update in place: spec and tags.
        var updated = (await Engine.CallAsync("Update", new JsonObject
        {
            ["id"] = id, ["urn"] = c.Urn(pulumiName), ["type"] = c.Token, ["olds"] = outputs.DeepClone(), ["oldInputs"] = inputs.DeepClone(), ["news"] = changed.DeepClone(), ["timeout"] = 60,
        }))["properties"]!.AsObject();
        Assert.Equal(2, updated["version"]!.GetValue<int>());
        Assert.Equal(Json.Text(c.ChangedSpec, c.ProbePath), Json.Text(updated["spec"], c.ProbePath));
        live = await fixture.Api.DescribeAsync(key, CancellationToken.None);
        Assert.Equal(Json.Text(c.ChangedSpec, c.ProbePath), Json.Text(live["spec"], c.ProbePath));
        Assert.Equal("payments", (await fixture.Api.TagsAsync(id, CancellationToken.None))["team"]);

        // Read: refresh (with state) and import (id alone).
        var refreshed = await Engine.CallAsync("Read", new JsonObject { ["id"] = id, ["urn"] = c.Urn(pulumiName), ["type"] = c.Token, ["properties"] = updated.DeepClone(), ["inputs"] = changed.DeepClone() });
        Assert.Equal(id, refreshed["id"]!.GetValue<string>());
        Assert.Equal(2, refreshed["properties"]!["version"]!.GetValue<int>());
        Assert.Equal("payments", refreshed["inputs"]!["tags"]!["team"]!.GetValue<string>());
        var imported = await Engine.CallAsync("Read", new JsonObject { ["id"] = id, ["urn"] = c.Urn("imported"), ["type"] = c.Token });
        Assert.Equal(id, imported["id"]!.GetValue<string>());
        Assert.Equal(name, imported["inputs"]!["name"]!.GetValue<string>());
        Assert.Equal(Json.Text(c.ChangedSpec, c.ProbePath), Json.Text(imported["inputs"]!["spec"], c.ProbePath));
        var afterImport = await DiffAsync(c, id, imported["properties"]!.AsObject(), imported["inputs"]!.AsObject(), changed);
        Assert.Equal("DIFF_NONE", afterImport["changes"]!.GetValue<string>());

        // The get function finds it by its names.
        var args = new JsonObject { ["name"] = name };
        foreach (var property in new[] { "meshName", "virtualRouterName", "virtualGatewayName" }.Where(p => inputs[p] is not null))
        {
            args[property] = inputs[property]!.DeepClone();
        }

        var got = await Engine.CallAsync("Invoke", new JsonObject { ["tok"] = $"cloudmesh:index:get{c.Type}", ["args"] = args });
        Assert.Empty(got["failures"]!.AsArray());
        Assert.Equal(id, got["return"]!["arn"]!.GetValue<string>());
        Assert.Equal("payments", got["return"]!["tags"]!["team"]!.GetValue<string>());

        // Delete; the API no longer has it; a second delete succeeds; a read finds nothing.
        await Engine.CallAsync("Delete", new JsonObject { ["id"] = id, ["urn"] = c.Urn(pulumiName), ["type"] = c.Token, ["properties"] = updated.DeepClone() });
        var missing = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Api.DescribeAsync(key, CancellationToken.None));
        Assert.Contains("NotFound", missing.GetType().Name + missing.Message);
        await Engine.CallAsync("Delete", new JsonObject { ["id"] = id, ["urn"] = c.Urn(pulumiName), ["type"] = c.Token, ["properties"] = updated.DeepClone() });
        var gone = await Engine.CallAsync("Read", new JsonObject { ["id"] = id, ["urn"] = c.Urn(pulumiName), ["type"] = c.Token, ["properties"] = updated.DeepClone() });
        Assert.Equal("", gone["id"]!.GetValue<string>());
    }

    private Task<JsonObject> DiffAsync(LifecycleCase c, string id, JsonObject olds, JsonObject oldInputs, JsonObject news) =>
        Engine.CallAsync("Diff", new JsonObject
        {
            ["id"] = id, ["urn"] = c.Urn("r"), ["type"] = c.Token, ["olds"] = olds.DeepClone(), ["oldInputs"] = oldInputs.DeepClone(), ["news"] = news.DeepClone(),
        });

    private async Task<string> CreateMeshAsync(string prefix) => await CreateAsync("Mesh", prefix, new JsonObject());

    /// <summary>Checks and creates a supporting resource through the provider; returns its name.</summary>
    private async Task<string> CreateAsync(string type, string pulumiName, JsonObject news) => (await _steps.CreateAsync(type, pulumiName, news)).Name;

    private Task DeleteAsync(string type, string name, string? mesh = null) => _steps.DeleteAsync(type, name, mesh);

    private static ResourceKey KeyOf(ResourceKind kind, JsonObject inputs)
    {
        var name = inputs["name"]!.GetValue<string>();
        var parent = kind.Parent is { } p ? inputs[p.NameMember]!.GetValue<string>() : "";
        return kind.IsMesh ? ResourceKey.ForMesh(name) : new ResourceKey(kind, inputs["meshName"]!.GetValue<string>(), parent, name);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex Rfc3339();
}
