using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;

namespace CloudMesh.EndToEnd.Tests.Support;

/// <summary>
/// The TLS mesh "secure" in a tenant of its own, declared through the App Mesh API: virtual node orders (app on
/// 127.0.0.1:port, sidecar on its own address) with a STRICT listener requiring client certificates with SAN
/// spiffe://secure/web or spiffe://secure/edge; service orders.secure.local; client node web whose client policy
/// originates mutual TLS to it; gateway edge with a PERMISSIVE listener and the same client policy. Certificates come
/// from a mesh CA made by the test and are written as PEM files, as App Mesh's file certificates are.
/// </summary>
internal sealed class SecureMesh : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly TempDirectory _pki = new("cloudmesh-proxy-pki");
    private readonly X509Certificate2 _authority = TestCertificates.Authority("Secure Mesh CA");
    private readonly X509Certificate2 _stranger = TestCertificates.Authority("Unknown CA");

    private SecureMesh()
    {
        CaFile = _pki.Combine("ca.pem");
        TestCertificates.WritePem(CaFile, _authority);
    }

    /// <summary>The mesh CA's PEM (curl's --cacert).</summary>
    public string CaFile { get; }

    public IPAddress OrdersAddress { get; } = ProxyProcess.NewAddress();

    public int OrdersPort { get; } = FreePort.Get();

    public int GatewayPort { get; } = FreePort.Get();

    public int WebEgressPort { get; } = FreePort.Get();

    public ProxyProcess Orders { get; private set; } = null!;

    public ProxyProcess Web { get; private set; } = null!;

    public ProxyProcess Gateway { get; private set; } = null!;

    /// <summary>The tenant's App Mesh API client (to change the mesh).</summary>
    public AppMeshTestClient Writer { get; private set; } = null!;

    /// <summary>The web node's client certificate (SAN spiffe://secure/web).</summary>
    public (string Chain, string Key) WebCertificate { get; private set; }

    /// <summary>Issues a leaf from the mesh CA (or an untrusted one) and writes it as PEM files.</summary>
    public (string Chain, string Key) Leaf(string name, bool trusted, params string[] sans)
    {
        using var certificate = TestCertificates.Issue(trusted ? _authority : _stranger, name, sans);
        var chain = _pki.Combine(name + ".crt.pem");
        var key = _pki.Combine(name + ".key.pem");
        TestCertificates.WritePem(certificate, chain, key);
        return (chain, key);
    }

    public static async Task<SecureMesh> DeployAsync(CloudMeshApiFixture api, TempDirectory state, ProxyBinary? binary = null)
    {
        var mesh = new SecureMesh();
        try
        {
            await mesh.DeployCoreAsync(api, state, binary ?? ProxyBinary.Jit);
            return mesh;
        }
        catch
        {
            await mesh.DisposeAsync();
            throw;
        }
    }

    /// <summary>curl with <paramref name="arguments"/> (silent, errors shown, 20 s at most).</summary>
    public static Task<ProcessResult> CurlAsync(params string[] arguments) =>
        ProcessRunner.RunToEndAsync(new ProcessStartInfo("curl", ["-sS", "--max-time", "20", .. arguments]), TimeSpan.FromSeconds(60));

    /// <summary>curl's arguments for an HTTPS GET of <paramref name="path"/> on the gateway by name, validating it against the mesh CA.</summary>
    public string[] GatewayHttps(string path) =>
        ["--cacert", CaFile, "--resolve", $"edge.secure.local:{GatewayPort}:{Gateway.Address}", $"https://edge.secure.local:{GatewayPort}{path}"];

    /// <summary>curl's arguments for an HTTPS GET of <paramref name="path"/> straight to the orders sidecar, validating it.</summary>
    public string[] OrdersHttps(string path) =>
        ["--cacert", CaFile, "--resolve", $"orders.secure.local:{OrdersPort}:{OrdersAddress}", $"https://orders.secure.local:{OrdersPort}{path}"];

    /// <summary>A GET through the web sidecar's egress by service name.</summary>
    public async Task<string> ThroughWebAsync(string path)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{Web.Address}:{WebEgressPort}{path}");
        request.Headers.Host = $"orders.secure.local:{OrdersPort}";
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        _authority.Dispose();
        _stranger.Dispose();
        _pki.Dispose();
    }

    private async Task DeployCoreAsync(CloudMeshApiFixture api, TempDirectory state, ProxyBinary binary)
    {
        var orders = Leaf("orders", true, "orders.secure.local");
        WebCertificate = Leaf("web", true, "spiffe://secure/web");
        var edge = Leaf("edge", true, "edge.secure.local", "spiffe://secure/edge");
        var client = Writer = await api.NewTenantClientAsync();
        var token = await MeshWriter.IssueXdsTokenAsync(api.Http, api.Server.AdminToken, client.Credentials.AccountId);
        string Arn(string kind, string name) => $"arn:aws:appmesh:us-east-1:{client.Credentials.AccountId}:mesh/secure/{kind}/{name}";

        await MeshWriter.CreateAsync(client, "/v20190125/meshes", "meshName", "secure", "{}");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/secure/virtualNodes", "virtualNodeName", "orders", new JsonObject
        {
            ["listeners"] = new JsonArray(new JsonObject
            {
                ["portMapping"] = Port(OrdersPort),
                ["tls"] = new JsonObject
                {
                    ["mode"] = "STRICT",
                    ["certificate"] = FileCertificate(orders),
                    ["validation"] = Validation(CaFile, "spiffe://secure/web", "spiffe://secure/edge"),
                },
            }),
            ["serviceDiscovery"] = new JsonObject { ["dns"] = new JsonObject { ["hostname"] = OrdersAddress.ToString() } },
        }.ToJsonString());
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/secure/virtualServices", "virtualServiceName", "orders.secure.local",
            """{"provider":{"virtualNode":{"virtualNodeName":"orders"}}}""");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/secure/virtualNodes", "virtualNodeName", "web", new JsonObject
        {
            ["backends"] = new JsonArray(new JsonObject { ["virtualService"] = new JsonObject { ["virtualServiceName"] = "orders.secure.local" } }),
            ["backendDefaults"] = ClientPolicy(CaFile, WebCertificate, "orders.secure.local"),
        }.ToJsonString());
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/secure/virtualGateways", "virtualGatewayName", "edge", new JsonObject
        {
            ["listeners"] = new JsonArray(new JsonObject
            {
                ["portMapping"] = Port(GatewayPort),
                ["tls"] = new JsonObject { ["mode"] = "PERMISSIVE", ["certificate"] = FileCertificate(edge) },
            }),
            ["backendDefaults"] = ClientPolicy(CaFile, edge, "orders.secure.local"),
        }.ToJsonString());
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/secure/virtualGateway/edge/gatewayRoutes", "gatewayRouteName", "to-orders",
            """{"httpRoute":{"match":{"prefix":"/"},"action":{"target":{"virtualService":{"virtualServiceName":"orders.secure.local"}}}}}""");

        _owned.Add(await SampleService.StartAsync("127.0.0.1", OrdersPort, "orders"));
        var xds = api.Server.XdsEndpoint!;
        Orders = await ProxyProcess.StartAsync(Arn("virtualNode", "orders"), xds, token, state, OrdersAddress, binary: binary,
            environment: new Dictionary<string, string> { ["CLOUDMESH_PROXY_INGRESS_PORT"] = Text(OrdersPort), ["CLOUDMESH_PROXY_EGRESS_PORT"] = Text(FreePort.Get()) });
        _owned.Add(Orders);
        Web = await ProxyProcess.StartAsync(Arn("virtualNode", "web"), xds, token, state, binary: binary,
            environment: new Dictionary<string, string> { ["CLOUDMESH_PROXY_INGRESS_PORT"] = Text(FreePort.Get()), ["CLOUDMESH_PROXY_EGRESS_PORT"] = Text(WebEgressPort) });
        _owned.Add(Web);
        Gateway = await ProxyProcess.StartAsync(Arn("virtualGateway", "edge"), xds, token, state, binary: binary);
        _owned.Add(Gateway);

        // Ready means configured; the first request through the gateway proves the whole TLS path before a test measures it.
        await Eventually.ReturnsAsync(() => CurlAsync(GatewayHttps("/")), r => r.ExitCode == 0, "curl never got through the gateway over TLS");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static JsonObject Port(int port) => new() { ["port"] = port, ["protocol"] = "http" };

    public static JsonObject FileCertificate((string Chain, string Key) files) =>
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
}
