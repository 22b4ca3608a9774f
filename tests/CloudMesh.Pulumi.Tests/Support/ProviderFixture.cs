using System.Text.Json.Nodes;
using Amazon.Runtime;
using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.Resources;
using CloudMesh.TestSupport.ApiServer;

namespace CloudMesh.Pulumi.Tests.Support;

/// <summary>
/// A real CloudMesh (real PostgreSQL), a tenant, and one plugin process configured for that tenant, driven through
/// Pulumi's generated client; plus the tenant's own SDK view of the API to verify what the provider did.
/// </summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    private readonly CloudMeshApiFixture _api = new();
    private PluginProcess? _plugin;
    private EngineClient? _engine;

    /// <summary>The tenant the provider is configured with.</summary>
    public TenantCredentials Tenant { get; private set; } = null!;

    /// <summary>The CloudMesh API's base address.</summary>
    public Uri Endpoint => _api.Endpoint;

    /// <summary>The configured plugin, as the engine sees it.</summary>
    public EngineClient Engine => _engine ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>The tenant's view of the API through the SDK, independent of the provider.</summary>
    public MeshResources Api { get; private set; } = null!;

    /// <summary>The provider configuration for the tenant, with the secret key marked secret as the engine sends it.</summary>
    public JsonObject ConfigArgs() => new()
    {
        ["endpoint"] = Endpoint.ToString(),
        ["region"] = "us-east-1",
        ["accessKey"] = Tenant.AccessKeyId,
        ["secretKey"] = Secrets.Secret(Tenant.SecretAccessKey),
        ["version"] = "0.1.0",
    };

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await _api.InitializeAsync();
        Tenant = await _api.CreateTenantAsync("pulumi");
        Api = new MeshResources(new AmazonAppMeshClient(
            new BasicAWSCredentials(Tenant.AccessKeyId, Tenant.SecretAccessKey),
            new AmazonAppMeshConfig { ServiceURL = Endpoint.ToString(), AuthenticationRegion = "us-east-1" }));
        _plugin = await PluginProcess.StartAsync();
        _engine = EngineClient.Connect(_plugin.Address);
        await _engine.CallAsync("Configure", new JsonObject { ["args"] = ConfigArgs(), ["acceptSecrets"] = true, ["acceptResources"] = true });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        if (_plugin is not null)
        {
            await _plugin.DisposeAsync();
        }

        Api?.Dispose();
        await _api.DisposeAsync();
    }
}
