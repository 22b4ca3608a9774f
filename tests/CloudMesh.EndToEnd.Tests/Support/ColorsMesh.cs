using System.Globalization;
using System.Net;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.EndToEnd.Tests.Support;

/// <summary>
/// The mesh every test deploys in a tenant of its own: colors-v1 and colors-v2 (app on 127.0.0.1:port, sidecar on
/// its own address), router "colors" with one route, service colors.&lt;tenant&gt;.local, gateway "ingress", and a
/// client node with the service as its backend.
/// </summary>
internal sealed class ColorsMesh : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private AppMeshTestClient _client = null!;

    /// <summary>The proxy build every sidecar and the gateway run.</summary>
    public ProxyBinary Binary { get; private init; } = ProxyBinary.Jit;

    public string ServiceName { get; private set; } = "";

    public string XdsToken { get; private set; } = "";

    public string GatewayArn { get; private set; } = "";

    public int V1Port { get; private set; }

    public int GatewayPort { get; private set; }

    public int ClientEgressPort { get; private set; }

    public ProxyProcess V1 { get; private set; } = null!;

    public ProxyProcess Gateway { get; set; } = null!;

    public ProxyProcess Client { get; private set; } = null!;

    public static async Task<ColorsMesh> DeployAsync(CloudMeshApiFixture api, TempDirectory state, ProxyBinary? binary = null)
    {
        var mesh = new ColorsMesh { Binary = binary ?? ProxyBinary.Jit };
        try
        {
            await mesh.DeployCoreAsync(api, state);
            return mesh;
        }
        catch
        {
            await mesh.DisposeAsync();
            throw;
        }
    }

    public async Task SetWeightsAsync(int v1, int v2) =>
        await MeshWriter.UpdateAsync(_client, "/v20190125/meshes/colors/virtualRouter/colors/routes/split", Route(v1, v2));

    /// <summary>Sends <paramref name="n"/> requests through the gateway and counts who answered.</summary>
    public async Task<Dictionary<string, int>> CountThroughGatewayAsync(int n)
    {
        using var http = new HttpClient();
        var counts = new Dictionary<string, int>();
        var url = $"http://{Gateway.Address}:{GatewayPort}/";
        for (int i = 0; i < n; i++)
        {
            using var response = await http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"request {i}: {(int)response.StatusCode} {body}");
            var who = body.Split(' ')[0];
            counts[who] = counts.GetValueOrDefault(who) + 1;
        }

        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        if (Gateway is not null && !_owned.Contains(Gateway))
        {
            await Gateway.DisposeAsync();
        }
    }

    private static string Route(int v1, int v2) =>
        """{"httpRoute":{"match":{"prefix":"/"},"action":{"weightedTargets":[{"virtualNode":"colors-v1","weight":V1},{"virtualNode":"colors-v2","weight":V2}]}}}"""
            .Replace("V1", v1.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("V2", v2.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>A spec with one http listener on <paramref name="port"/>.</summary>
    private static string Listener(int port) =>
        """{"listeners":[{"portMapping":{"port":PORT,"protocol":"http"}}]}""".Replace("PORT", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private async Task DeployCoreAsync(CloudMeshApiFixture api, TempDirectory state)
    {
        _client = await api.NewTenantClientAsync();
        var account = _client.Credentials.AccountId;
        XdsToken = await MeshWriter.IssueXdsTokenAsync(api.Http, api.Server.AdminToken, account);
        var xds = api.Server.XdsEndpoint!;
        string Arn(string kind, string name) => $"arn:aws:appmesh:us-east-1:{account}:mesh/colors/{kind}/{name}";

        ServiceName = "colors.demo.local";
        var ports = new[] { FreePort.Get(), FreePort.Get() };
        V1Port = ports[0];
        var addresses = new[] { ProxyProcess.NewAddress(), ProxyProcess.NewAddress() };
        GatewayPort = FreePort.Get();
        ClientEgressPort = FreePort.Get();

        await MeshWriter.CreateAsync(_client, "/v20190125/meshes", "meshName", "colors", "{}");
        for (int v = 0; v < 2; v++)
        {
            await MeshWriter.CreateAsync(_client, "/v20190125/meshes/colors/virtualNodes", "virtualNodeName", $"colors-v{v + 1}",
                """{"listeners":[{"portMapping":{"port":PORT,"protocol":"http"}}],"serviceDiscovery":{"dns":{"hostname":"HOST"}}}"""
                    .Replace("PORT", ports[v].ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("HOST", addresses[v].ToString(), StringComparison.Ordinal));
        }

        await MeshWriter.CreateAsync(_client, "/v20190125/meshes/colors/virtualRouters", "virtualRouterName", "colors",
            """{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}]}""");
        await MeshWriter.CreateAsync(_client, "/v20190125/meshes/colors/virtualRouter/colors/routes", "routeName", "split", Route(90, 10));
        await MeshWriter.CreateAsync(_client, "/v20190125/meshes/colors/virtualServices", "virtualServiceName", ServiceName,
            """{"provider":{"virtualRouter":{"virtualRouterName":"colors"}}}""");
        await MeshWriter.CreateAsync(_client, "/v20190125/meshes/colors/virtualGateways", "virtualGatewayName", "ingress",
            Listener(GatewayPort));
        await MeshWriter.CreateAsync(_client, "/v20190125/meshes/colors/virtualGateway/ingress/gatewayRoutes", "gatewayRouteName", "to-colors",
            """{"httpRoute":{"match":{"prefix":"/"},"action":{"target":{"virtualService":{"virtualServiceName":"SERVICE"}}}}}""".Replace("SERVICE", ServiceName, StringComparison.Ordinal));
        await MeshWriter.CreateAsync(_client, "/v20190125/meshes/colors/virtualNodes", "virtualNodeName", "client",
            """{"backends":[{"virtualService":{"virtualServiceName":"SERVICE"}}]}""".Replace("SERVICE", ServiceName, StringComparison.Ordinal));

        var sidecars = new ProxyProcess[2];
        for (int v = 0; v < 2; v++)
        {
            _owned.Add(await SampleService.StartAsync("127.0.0.1", ports[v], $"colors-v{v + 1}"));
            sidecars[v] = await ProxyProcess.StartAsync(Arn("virtualNode", $"colors-v{v + 1}"), xds, XdsToken, state, addresses[v], binary: Binary,
                environment: new Dictionary<string, string>
                {
                    ["CLOUDMESH_PROXY_INGRESS_PORT"] = ports[v].ToString(CultureInfo.InvariantCulture),
                    ["CLOUDMESH_PROXY_EGRESS_PORT"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
                });
            _owned.Add(sidecars[v]);
        }

        V1 = sidecars[0];
        Client = await ProxyProcess.StartAsync(Arn("virtualNode", "client"), xds, XdsToken, state, binary: Binary,
            environment: new Dictionary<string, string>
            {
                ["CLOUDMESH_PROXY_INGRESS_PORT"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
                ["CLOUDMESH_PROXY_EGRESS_PORT"] = ClientEgressPort.ToString(CultureInfo.InvariantCulture),
            });
        _owned.Add(Client);
        GatewayArn = Arn("virtualGateway", "ingress");
        Gateway = await ProxyProcess.StartAsync(GatewayArn, xds, XdsToken, state, binary: Binary);

        // Ready means configured; the first request also proves the path end to end before a test measures it.
        await Eventually.TrueAsync(async () =>
        {
            using var http = new HttpClient();
            using var response = await http.GetAsync($"http://{Gateway.Address}:{GatewayPort}/");
            return response.IsSuccessStatusCode;
        }, "the gateway never routed a request to the service");
    }
}
