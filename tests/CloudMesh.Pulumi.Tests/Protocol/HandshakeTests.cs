using System.Text.Json.Nodes;
using CloudMesh.Pulumi.Tests.Support;
using CloudMesh.TestSupport;

namespace CloudMesh.Pulumi.Tests.Protocol;

/// <summary>
/// Handshake, the engine's first call to a plugin it starts or attaches to (provider_plugin.go, NewProvider): the
/// features it answers are the ones the engine then uses for every call, so Configure must answer the same.
/// </summary>
[Collection(ProviderCollection.Name)]
public sealed class HandshakeTests(ProviderFixture fixture)
{
    [Fact]
    public async Task Handshake_and_configure_declare_the_same_protocol_features()
    {
        using var engine = new EngineStandIn();
        await using var plugin = await PluginProcess.StartAsync();
        await using var client = EngineClient.Connect(plugin.Address);

        // What the engine sends when it starts a plugin: its address, the plugin's directory, and what it supports.
        var handshake = await client.CallAsync("Handshake", new JsonObject
        {
            ["engine_address"] = engine.Address, ["root_directory"] = AppContext.BaseDirectory, ["program_directory"] = AppContext.BaseDirectory,
            ["configure_with_urn"] = true, ["supports_views"] = true, ["supports_refresh_before_update"] = true,
        });
        Assert.False(handshake["acceptSecrets"]!.GetValue<bool>());
        Assert.False(handshake["acceptResources"]!.GetValue<bool>());
        Assert.False(handshake["acceptOutputs"]!.GetValue<bool>());
        Assert.True(handshake["supportsAutonamingConfiguration"]!.GetValue<bool>());

        // And then Configure, as a handshaking engine calls it (configure_with_urn: the provider's URN, name, type, id).
        var configure = await client.CallAsync("Configure", new JsonObject
        {
            ["args"] = fixture.ConfigArgs(), ["acceptSecrets"] = true, ["acceptResources"] = true,
            ["sends_old_inputs"] = true, ["sends_old_inputs_to_delete"] = true,
            ["urn"] = "urn:pulumi:test::p::pulumi:providers:cloudmesh::default", ["name"] = "default",
            ["type"] = "pulumi:providers:cloudmesh", ["id"] = "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
        });
        foreach (var feature in new[] { "acceptSecrets", "acceptResources", "acceptOutputs", "supportsAutonamingConfiguration" })
        {
            Assert.Equal(handshake[feature]!.GetValue<bool>(), configure[feature]!.GetValue<bool>());
        }

        Assert.True(configure["supportsPreview"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Watches_the_engine_named_in_the_handshake()
    {
        // An attached plugin (PULUMI_DEBUG_PROVIDERS) gets no argument: the handshake is where the engine's address comes from.
        using var engine = new EngineStandIn();
        await using var plugin = await PluginProcess.StartAsync();
        await using var client = EngineClient.Connect(plugin.Address);
        await client.CallAsync("Handshake", new JsonObject { ["engine_address"] = engine.Address });
        Assert.False(plugin.HasExited);

        engine.Dispose();
        using var patience = new CancellationTokenSource(NodeProcess.Patience);
        await plugin.WaitForExitAsync(patience.Token);
        Assert.True(plugin.HasExited);
    }
}
