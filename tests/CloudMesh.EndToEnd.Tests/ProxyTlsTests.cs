using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.EndToEnd.Tests.Support;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.EndToEnd.Tests;

/// <summary>
/// App Mesh TLS end to end: a mesh declared through the App Mesh API with listener TLS (file certificates, STRICT with
/// mutual TLS on a virtual node, PERMISSIVE on a virtual gateway) and client-policy TLS, served by CloudMesh proxy
/// processes to curl and between sidecars; certificates are made by the test (a mesh CA, leaves with SANs).
/// </summary>
public sealed class ProxyTlsTests(CloudMeshApiFixture api) : IClassFixture<CloudMeshApiFixture>, IAsyncLifetime
{
    private readonly TempDirectory _state = new("cloudmesh-proxy-state");
    private readonly TempDirectory _pki = new("cloudmesh-proxy-pki");
    private readonly List<IAsyncDisposable> _owned = [];

    [Fact]
    public async Task Curl_validates_the_gateways_certificate_permissive_serves_cleartext_too_and_sidecars_speak_mutual_tls()
    {
        using var authority = TestCertificates.Authority("Secure Mesh CA");
        using var stranger = TestCertificates.Authority("Unknown CA");
        var ca = _pki.Combine("ca.pem");
        TestCertificates.WritePem(ca, authority);
        var ordersAddress = ProxyProcess.NewAddress();
        var gatewayAddress = ProxyProcess.NewAddress();
        var orders = Leaf(authority, "orders", "orders.secure.local");
        var web = Leaf(authority, "web", "spiffe://secure/web");
        var edge = Leaf(authority, "edge", "edge.secure.local", "spiffe://secure/edge");
        var intruder = Leaf(authority, "intruder", "spiffe://secure/intruder");
        var untrusted = Leaf(stranger, "untrusted", "spiffe://secure/web");

        var ordersPort = FreePort.Get();
        var gatewayPort = FreePort.Get();
        var webEgressPort = FreePort.Get();
        var (client, token) = await TenantAsync();
        var account = client.Credentials.AccountId;
        string Arn(string kind, string name) => $"arn:aws:appmesh:us-east-1:{account}:mesh/secure/{kind}/{name}";

        await MeshWriter.CreateAsync(client, "/v20190125/meshes", "meshName", "secure", "{}");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/secure/virtualNodes", "virtualNodeName", "orders", Json(new JsonObject
        {
            ["listeners"] = new JsonArray(new JsonObject
            {
                ["portMapping"] = Port(ordersPort),
                ["tls"] = new JsonObject
                {
                    ["mode"] = "STRICT",
                    ["certificate"] = FileCertificate(orders),
                    ["validation"] = Validation(ca, "spiffe://secure/web", "spiffe://secure/edge"),
                },
            }),
            ["serviceDiscovery"] = new JsonObject { ["dns"] = new JsonObject { ["hostname"] = ordersAddress.ToString() } },
        }));
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/secure/virtualServices", "virtualServiceName", "orders.secure.local",
            """{"provider":{"virtualNode":{"virtualNodeName":"orders"}}}""");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/secure/virtualNodes", "virtualNodeName", "web", Json(new JsonObject
        {
            ["backends"] = new JsonArray(new JsonObject { ["virtualService"] = new JsonObject { ["virtualServiceName"] = "orders.secure.local" } }),
            ["backendDefaults"] = ClientPolicy(ca, web, "orders.secure.local"),
        }));
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/secure/virtualGateways", "virtualGatewayName", "edge", Json(new JsonObject
        {
            ["listeners"] = new JsonArray(new JsonObject
            {
                ["portMapping"] = Port(gatewayPort),
                ["tls"] = new JsonObject { ["mode"] = "PERMISSIVE", ["certificate"] = FileCertificate(edge) },
            }),
            ["backendDefaults"] = ClientPolicy(ca, edge, "orders.secure.local"),
        }));
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/secure/virtualGateway/edge/gatewayRoutes", "gatewayRouteName", "to-orders",
            """{"httpRoute":{"match":{"prefix":"/"},"action":{"target":{"virtualService":{"virtualServiceName":"orders.secure.local"}}}}}""");

        _owned.Add(await SampleService.StartAsync("127.0.0.1", ordersPort, "orders"));
        var xds = api.Server.XdsEndpoint!;
        _owned.Add(await ProxyProcess.StartAsync(Arn("virtualNode", "orders"), xds, token, _state, ordersAddress,
            environment: new Dictionary<string, string> { ["CLOUDMESH_PROXY_INGRESS_PORT"] = Text(ordersPort), ["CLOUDMESH_PROXY_EGRESS_PORT"] = Text(FreePort.Get()) }));
        _owned.Add(await ProxyProcess.StartAsync(Arn("virtualNode", "web"), xds, token, _state,
            environment: new Dictionary<string, string> { ["CLOUDMESH_PROXY_INGRESS_PORT"] = Text(FreePort.Get()), ["CLOUDMESH_PROXY_EGRESS_PORT"] = Text(webEgressPort) }));
        var webSidecar = (ProxyProcess)_owned[^1];
        _owned.Add(await ProxyProcess.StartAsync(Arn("virtualGateway", "edge"), xds, token, _state, gatewayAddress));

        // The gateway's PERMISSIVE listener: curl validating its certificate against the mesh CA, and cleartext on the same port.
        var secure = await Eventually.ReturnsAsync(
            () => CurlAsync("--cacert", ca, "--resolve", $"edge.secure.local:{gatewayPort}:{gatewayAddress}", $"https://edge.secure.local:{gatewayPort}/via-gateway"),
            r => r.ExitCode == 0, "curl never got through the gateway over TLS");
        Assert.Equal("orders /via-gateway\n", secure.Stdout);
        var cleartext = await CurlAsync($"http://{gatewayAddress}:{gatewayPort}/cleartext");
        Assert.Equal("orders /cleartext\n", cleartext.Stdout);

        // The client sidecar calls the service by name; its client policy originates mutual TLS to the orders sidecar.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{webSidecar.Address}:{webEgressPort}/via-web");
        request.Headers.Host = $"orders.secure.local:{ordersPort}";
        using var response = await http.SendAsync(request);
        Assert.Equal("orders /via-web\n", await response.Content.ReadAsStringAsync());

        // The orders sidecar itself: a trusted client certificate with an allowed SAN gets in; the others do not.
        string[] direct = ["--cacert", ca, "--resolve", $"orders.secure.local:{ordersPort}:{ordersAddress}", $"https://orders.secure.local:{ordersPort}/direct"];
        var allowed = await CurlAsync([.. direct, "--cert", web.Chain, "--key", web.Key]);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Equal("orders /direct\n", allowed.Stdout);
        foreach (var refused in new[] { [.. direct, "--cert", intruder.Chain, "--key", intruder.Key], [.. direct, "--cert", untrusted.Chain, "--key", untrusted.Key], direct })
        {
            var result = await CurlAsync(refused);
            Assert.True(result.ExitCode != 0, $"expected a refusal for {string.Join(' ', refused)}: {result}");
        }

        // Plain HTTP to a STRICT listener is not served either.
        Assert.NotEqual(0, (await CurlAsync($"http://{ordersAddress}:{ordersPort}/")).ExitCode);
    }

    [Fact]
    public async Task An_sds_certificate_is_nacked_with_the_secret_named_and_the_sidecar_keeps_serving_its_file_certificate()
    {
        using var authority = TestCertificates.Authority("Secure Mesh CA");
        var ca = _pki.Combine("ca.pem");
        TestCertificates.WritePem(ca, authority);
        var orders = Leaf(authority, "orders", "orders.secure.local");
        var address = ProxyProcess.NewAddress();
        var port = FreePort.Get();
        var (client, token) = await TenantAsync();
        JsonObject Spec(JsonObject certificate) => new()
        {
            ["listeners"] = new JsonArray(new JsonObject
            {
                ["portMapping"] = Port(port),
                ["tls"] = new JsonObject { ["mode"] = "STRICT", ["certificate"] = certificate },
            }),
            ["serviceDiscovery"] = new JsonObject { ["dns"] = new JsonObject { ["hostname"] = address.ToString() } },
        };
        await MeshWriter.CreateAsync(client, "/v20190125/meshes", "meshName", "secure", "{}");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/secure/virtualNodes", "virtualNodeName", "orders", Json(Spec(FileCertificate(orders))));
        _owned.Add(await SampleService.StartAsync("127.0.0.1", port, "orders"));
        var sidecar = await ProxyProcess.StartAsync($"arn:aws:appmesh:us-east-1:{client.Credentials.AccountId}:mesh/secure/virtualNode/orders",
            api.Server.XdsEndpoint!, token, _state, address,
            environment: new Dictionary<string, string> { ["CLOUDMESH_PROXY_INGRESS_PORT"] = Text(port), ["CLOUDMESH_PROXY_EGRESS_PORT"] = Text(FreePort.Get()) });
        _owned.Add(sidecar);
        string[] curl = ["--cacert", ca, "--resolve", $"orders.secure.local:{port}:{address}", $"https://orders.secure.local:{port}/"];
        await Eventually.ReturnsAsync(() => CurlAsync(curl), r => r.ExitCode == 0, "the sidecar never served TLS");

        await MeshWriter.UpdateAsync(client, "/v20190125/meshes/secure/virtualNodes/orders",
            Json(Spec(new JsonObject { ["sds"] = new JsonObject { ["secretName"] = "spiffe://secure/orders" } })));

        var detail = await Eventually.ReturnsAsync(async () =>
        {
            using var dump = JsonDocument.Parse(await sidecar.Admin.GetStringAsync("config_dump"));
            return dump.RootElement.GetProperty("cloudmesh").TryGetProperty("lastRejection", out var rejection) ? rejection.GetProperty("detail").GetString() : null;
        }, d => d is not null, "the proxy never reported a NACK");
        Assert.Contains("SDS secret 'spiffe://secure/orders'", detail, StringComparison.Ordinal);
        Assert.Contains("lds_ingress_0.0.0.0_15000", detail, StringComparison.Ordinal);
        var still = await CurlAsync(curl);
        Assert.True(still.ExitCode == 0, still.ToString());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        _state.Dispose();
        _pki.Dispose();
    }

    private async Task<(AppMeshTestClient Client, string Token)> TenantAsync()
    {
        var client = await api.NewTenantClientAsync();
        return (client, await MeshWriter.IssueXdsTokenAsync(api.Http, api.Server.AdminToken, client.Credentials.AccountId));
    }

    private (string Chain, string Key) Leaf(System.Security.Cryptography.X509Certificates.X509Certificate2 issuer, string name, params string[] sans)
    {
        using var certificate = TestCertificates.Issue(issuer, name, sans);
        var chain = _pki.Combine(name + ".crt.pem");
        var key = _pki.Combine(name + ".key.pem");
        TestCertificates.WritePem(certificate, chain, key);
        return (chain, key);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Json(JsonObject spec) => spec.ToJsonString();

    private static JsonObject Port(int port) => new() { ["port"] = port, ["protocol"] = "http" };

    private static JsonObject FileCertificate((string Chain, string Key) files) =>
        new() { ["file"] = new JsonObject { ["certificateChain"] = files.Chain, ["privateKey"] = files.Key } };

    private static JsonObject Validation(string trust, params string[] sans) => new()
    {
        ["trust"] = new JsonObject { ["file"] = new JsonObject { ["certificateChain"] = trust } },
        ["subjectAlternativeNames"] = new JsonObject { ["match"] = new JsonObject { ["exact"] = new JsonArray(sans.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()) } },
    };

    private static JsonObject ClientPolicy(string trust, (string Chain, string Key) certificate, params string[] sans) => new()
    {
        ["clientPolicy"] = new JsonObject
        {
            ["tls"] = new JsonObject { ["enforce"] = true, ["certificate"] = FileCertificate(certificate), ["validation"] = Validation(trust, sans) },
        },
    };

    private static Task<ProcessResult> CurlAsync(params string[] arguments) =>
        ProcessRunner.RunToEndAsync(new ProcessStartInfo("curl", ["-sS", "--max-time", "20", .. arguments]), TimeSpan.FromSeconds(60));
}
