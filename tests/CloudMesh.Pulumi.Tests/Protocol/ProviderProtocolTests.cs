using System.Text.Json.Nodes;
using CloudMesh.Pulumi.Tests.Schema;
using CloudMesh.Pulumi.Tests.Support;

namespace CloudMesh.Pulumi.Tests.Protocol;

/// <summary>The plugin's protocol surface as the engine uses it: plugin info, schema, configuration, checks, errors.</summary>
[Collection(ProviderCollection.Name)]
public sealed class ProviderProtocolTests(ProviderFixture fixture)
{
    private EngineClient Engine => fixture.Engine;

    [Fact]
    public async Task Reports_its_version_and_serves_the_checked_in_schema()
    {
        Assert.Equal("0.1.0", (await Engine.CallAsync("GetPluginInfo"))["version"]!.GetValue<string>());
        var served = (await Engine.CallAsync("GetSchema", new JsonObject { ["version"] = 0 }))["schema"]!.GetValue<string>();
        Assert.Equal(File.ReadAllText(SchemaFileTests.SchemaPath).ReplaceLineEndings("\n"), served);
        Assert.Equal("cloudmesh", JsonNode.Parse(served)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Check_config_accepts_a_secret_key_and_names_what_is_missing()
    {
        var good = await Engine.CallAsync("CheckConfig", new JsonObject { ["urn"] = "urn:pulumi:test::p::pulumi:providers:cloudmesh::default", ["news"] = fixture.ConfigArgs() });
        Assert.Empty(good["failures"]!.AsArray());
        Assert.Equal(fixture.Tenant.SecretAccessKey, good["inputs"]!["secretKey"]!["value"]!.GetValue<string>());

        // The plugin's environment has no CLOUDMESH_ENDPOINT (PluginProcess clears it), so the endpoint is required.
        var bad = await Engine.CallAsync("CheckConfig", new JsonObject { ["news"] = new JsonObject { ["endpoint"] = "not a url", ["accessKey"] = "AKIA" } });
        var failures = bad["failures"]!.AsArray().Select(f => f!["property"]!.GetValue<string>()).ToList();
        Assert.Equal(["endpoint", "secretKey"], failures.Order());
        var missing = await Engine.CallAsync("CheckConfig", new JsonObject { ["news"] = new JsonObject() });
        Assert.Contains("CLOUDMESH_ENDPOINT", missing["failures"]!.AsArray().Single()!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Configure_negotiates_secrets_and_previews_and_rejects_an_incomplete_configuration()
    {
        var answer = await Engine.CallAsync("Configure", new JsonObject { ["args"] = fixture.ConfigArgs(), ["acceptSecrets"] = true });
        // Declined, so that the engine re-marks outputs from secret inputs (the provider would return them unwrapped).
        Assert.False(answer["acceptSecrets"]!.GetValue<bool>());
        Assert.True(answer["supportsPreview"]!.GetValue<bool>());

        await using var plugin = await PluginProcess.StartAsync();
        await using var engine = EngineClient.Connect(plugin.Address);
        var error = await Assert.ThrowsAsync<ProviderCallException>(() => engine.CallAsync("Configure", new JsonObject { ["args"] = new JsonObject() }));
        Assert.Equal(3, error.Code);
        Assert.Contains("endpoint", error.Details);
        var unconfigured = await Assert.ThrowsAsync<ProviderCallException>(() => engine.CallAsync("Create", new JsonObject { ["type"] = "cloudmesh:index:Mesh", ["properties"] = new JsonObject { ["name"] = "m" } }));
        Assert.Equal(9, unconfigured.Code);
    }

    [Fact]
    public async Task Diff_config_replaces_on_another_endpoint_and_updates_on_new_keys()
    {
        var olds = fixture.ConfigArgs();
        var endpoint = fixture.ConfigArgs();
        endpoint["endpoint"] = "http://elsewhere:8080/";
        var diff = await Engine.CallAsync("DiffConfig", new JsonObject { ["olds"] = olds, ["oldInputs"] = olds.DeepClone(), ["news"] = endpoint });
        Assert.Equal(["endpoint"], diff["replaces"]!.AsArray().Select(n => n!.GetValue<string>()));
        var keys = fixture.ConfigArgs();
        keys["secretKey"] = Secrets.Secret("rotated");
        diff = await Engine.CallAsync("DiffConfig", new JsonObject { ["olds"] = olds.DeepClone(), ["news"] = keys });
        Assert.Equal("DIFF_SOME", diff["changes"]!.GetValue<string>());
        Assert.Empty(diff["replaces"]!.AsArray());
        Assert.Equal("UPDATE", diff["detailedDiff"]!["secretKey"]!.GetValue<string>());
        diff = await Engine.CallAsync("DiffConfig", new JsonObject { ["olds"] = olds.DeepClone(), ["news"] = fixture.ConfigArgs() });
        Assert.Equal("DIFF_NONE", diff["changes"]!.GetValue<string>());
    }

    [Fact]
    public async Task Check_reports_each_failure_at_its_property_path()
    {
        var news = Json.Object("""{"meshName":"m","name":"vn","spec":{"listeners":[{"portMapping":{"port":"eighty","protocol":"smtp"}}]},"tags":{"env":7},"colour":"blue"}""");
        var check = await Engine.CallAsync("Check", new JsonObject { ["type"] = "cloudmesh:index:VirtualNode", ["name"] = "vn", ["news"] = news });
        var failures = check["failures"]!.AsArray().ToDictionary(f => f!["property"]!.GetValue<string>(), f => f!["reason"]!.GetValue<string>());
        Assert.Equal(["colour", "spec.listeners[0].portMapping.port", "spec.listeners[0].portMapping.protocol", "tags.env"], failures.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("integer", failures["spec.listeners[0].portMapping.port"]);

        var route = await Engine.CallAsync("Check", new JsonObject { ["type"] = "cloudmesh:index:Route", ["name"] = "r", ["news"] = Json.Object("""{"meshName":"m","spec":{}}""") });
        var routeFailures = route["failures"]!.AsArray().Select(f => f!["property"]!.GetValue<string>()).ToList();
        Assert.Contains("virtualRouterName", routeFailures);
        Assert.Contains("spec", routeFailures);
    }

    [Fact]
    public async Task Check_does_not_judge_values_unknown_in_a_preview()
    {
        var news = Json.Object("""{"meshName":"$u","virtualRouterName":"$u","spec":{"httpRoute":{"match":{"prefix":"/"},"action":{"weightedTargets":[{"virtualNode":"$u","weight":"$u"}]}}}}""", ("u", Secrets.Unknown));
        var check = await Engine.CallAsync("Check", new JsonObject { ["type"] = "cloudmesh:index:Route", ["name"] = "r", ["news"] = news });
        Assert.Empty(check["failures"]!.AsArray());
    }

    [Fact]
    public async Task Unknown_types_functions_and_ids_are_invalid_arguments()
    {
        var type = await Assert.ThrowsAsync<ProviderCallException>(() => Engine.CallAsync("Check", new JsonObject { ["type"] = "cloudmesh:index:Nope", ["news"] = new JsonObject() }));
        Assert.Equal(3, type.Code);
        var function = await Assert.ThrowsAsync<ProviderCallException>(() => Engine.CallAsync("Invoke", new JsonObject { ["tok"] = "cloudmesh:index:getNope", ["args"] = new JsonObject() }));
        Assert.Equal(3, function.Code);
        var id = await Assert.ThrowsAsync<ProviderCallException>(() => Engine.CallAsync("Read", new JsonObject { ["type"] = "cloudmesh:index:VirtualNode", ["id"] = "mesh/m/virtualNode/n" }));
        Assert.Equal(3, id.Code);
        Assert.Contains("arn:aws:appmesh:", id.Details);
        var missing = await Engine.CallAsync("Invoke", new JsonObject { ["tok"] = "cloudmesh:index:getRoute", ["args"] = new JsonObject { ["name"] = "r" } });
        Assert.Equal(["meshName", "virtualRouterName"], missing["failures"]!.AsArray().Select(f => f!["property"]!.GetValue<string>()).Order());
        var absent = await Assert.ThrowsAsync<ProviderCallException>(() => Engine.CallAsync("Invoke", new JsonObject { ["tok"] = "cloudmesh:index:getMesh", ["args"] = new JsonObject { ["name"] = "no-such-mesh" } }));
        Assert.Equal(5, absent.Code);
    }

    [Fact]
    public async Task Optional_rpcs_answer_as_the_engine_expects()
    {
        // "A provider should return an empty response (not an error) if it doesn't have a mapping" (provider.proto).
        Assert.Empty((await Engine.CallAsync("GetMappings", new JsonObject { ["key"] = "terraform" }))["providers"]!.AsArray());
        Assert.Equal("", (await Engine.CallAsync("GetMapping", new JsonObject { ["key"] = "terraform" }))["provider"]!.GetValue<string>());

        // No parameterization, no component resources, no methods: the engine never calls these for this package, and
        // anything else that does is told plainly.
        foreach (var method in new[] { "Parameterize", "Call", "Construct" })
        {
            var unimplemented = await Assert.ThrowsAsync<ProviderCallException>(() => Engine.CallAsync(method, new JsonObject()));
            Assert.Equal(12, unimplemented.Code);
        }
    }

    [Fact]
    public async Task Check_config_does_not_judge_values_unknown_in_a_preview()
    {
        // A provider whose endpoint or keys come from another resource's outputs: unknown in a preview.
        var news = new JsonObject { ["endpoint"] = Secrets.Unknown, ["accessKey"] = "AKIA", ["secretKey"] = Secrets.Unknown };
        var check = await Engine.CallAsync("CheckConfig", new JsonObject { ["urn"] = "urn:pulumi:test::p::pulumi:providers:cloudmesh::computed", ["news"] = news.DeepClone() });
        Assert.Empty(check["failures"]!.AsArray());

        // Known values are still judged next to unknown ones.
        news["region"] = 7;
        check = await Engine.CallAsync("CheckConfig", new JsonObject { ["news"] = news });
        Assert.Equal("region", check["failures"]!.AsArray().Single()!["property"]!.GetValue<string>());
    }

    [Fact]
    public async Task Check_reads_every_typed_unknown_the_engine_sends_as_unknown()
    {
        // The engine marshals an unknown by its placeholder's type (rpc.go, marshalUnknownProperty): a number, an object
        // and an array each have their own sentinel, and none of them is a value to validate.
        var news = Json.Object("""
            {"meshName":"m","virtualRouterName":"r","spec":{"httpRoute":{"match":"$object","action":{"weightedTargets":[{"virtualNode":"n","weight":"$number"}]}},"priority":"$number"},"tags":"$object"}
            """, ("object", Secrets.UnknownObject), ("number", Secrets.UnknownNumber));
        var check = await Engine.CallAsync("Check", new JsonObject { ["type"] = "cloudmesh:index:Route", ["name"] = "r", ["news"] = news });
        Assert.Empty(check["failures"]!.AsArray());

        var listeners = Json.Object("""{"meshName":"m","spec":{"listeners":"$array"}}""", ("array", Secrets.UnknownArray));
        check = await Engine.CallAsync("Check", new JsonObject { ["type"] = "cloudmesh:index:VirtualNode", ["name"] = "n", ["news"] = listeners });
        Assert.Empty(check["failures"]!.AsArray());
    }

    [Fact]
    public async Task Stops_when_the_engine_it_was_given_goes_away()
    {
        using var engine = new EngineStandIn();
        await using var plugin = await PluginProcess.StartAsync(null, engine.Address);
        Assert.False(plugin.HasExited);
        engine.Dispose();
        using var patience = new CancellationTokenSource(CloudMesh.TestSupport.NodeProcess.Patience);
        await plugin.WaitForExitAsync(patience.Token);
        Assert.True(plugin.HasExited);
    }
}
