using System.Text.Json;
using CloudMesh.EndToEnd.Tests.Support;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.EndToEnd.Tests;

/// <summary>
/// The proxy authenticates the way App Mesh's Envoy did, with nothing but the tenant's AWS access key in its
/// environment: it signs its ADS stream with SigV4 and the real control plane binds the stream to that key's tenant.
/// </summary>
public sealed class ProxySigV4Tests(CloudMeshApiFixture api) : IClassFixture<CloudMeshApiFixture>, IDisposable
{
    private const string NodeSpec = """{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}],"serviceDiscovery":{"dns":{"hostname":"web.local"}}}""";

    private readonly TempDirectory _state = new("cloudmesh-proxy-sigv4");

    [Fact]
    public async Task A_proxy_with_only_AWS_credentials_signs_its_stream_and_gets_its_configuration()
    {
        var client = await api.NewTenantClientAsync();
        await MeshWriter.CreateAsync(client, "/v20190125/meshes", "meshName", "signed", "{}");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/signed/virtualNodes", "virtualNodeName", "web", NodeSpec);
        var arn = $"arn:aws:appmesh:us-east-1:{client.Credentials.AccountId}:mesh/signed/virtualNode/web";

        await using var proxy = await ProxyProcess.StartAsync(arn, api.Server.XdsEndpoint!, token: null, _state,
            environment: Credentials(client.Credentials.AccessKeyId, client.Credentials.SecretAccessKey));

        using var dump = JsonDocument.Parse(await proxy.Admin.GetStringAsync("config_dump"));
        Assert.Contains("ingress", dump.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.False(dump.RootElement.GetProperty("cloudmesh").TryGetProperty("lastConnectionError", out _),
            "a signed stream should never have been refused");
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_the_control_plane_and_the_proxy_says_why()
    {
        var client = await api.NewTenantClientAsync();
        await MeshWriter.CreateAsync(client, "/v20190125/meshes", "meshName", "forged", "{}");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/forged/virtualNodes", "virtualNodeName", "web", NodeSpec);
        var arn = $"arn:aws:appmesh:us-east-1:{client.Credentials.AccountId}:mesh/forged/virtualNode/web";

        await using var proxy = await ProxyProcess.StartAsync(arn, api.Server.XdsEndpoint!, token: null, _state,
            environment: Credentials(client.Credentials.AccessKeyId, "wrong" + client.Credentials.SecretAccessKey), waitReady: false);

        string error = await Eventually.ReturnsAsync(
            async () => await LastConnectionErrorAsync(proxy),
            e => e is not null,
            "the refused stream never showed in the proxy's config_dump") ?? "";
        Assert.Contains("SigV4 verification failed", error, StringComparison.Ordinal);
        using var ready = await proxy.Admin.GetAsync("ready");
        Assert.False(ready.IsSuccessStatusCode, "a proxy that was never configured must not report ready");
    }

    private static Dictionary<string, string> Credentials(string keyId, string secret) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = keyId,
        ["AWS_SECRET_ACCESS_KEY"] = secret,
        ["AWS_REGION"] = "us-east-1",
    };

    private static async Task<string?> LastConnectionErrorAsync(ProxyProcess proxy)
    {
        try
        {
            using var dump = JsonDocument.Parse(await proxy.Admin.GetStringAsync("config_dump"));
            return dump.RootElement.GetProperty("cloudmesh").TryGetProperty("lastConnectionError", out var error) ? error.GetString() : null;
        }
        catch (HttpRequestException)
        {
            return null; // the admin port is not listening yet
        }
    }

    public void Dispose() => _state.Dispose();
}
