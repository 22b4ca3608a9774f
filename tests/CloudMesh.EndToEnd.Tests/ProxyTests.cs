using System.Globalization;
using System.Net;
using System.Text.Json;
using CloudMesh.EndToEnd.Tests.Support;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.EndToEnd.Tests;

/// <summary>
/// The CloudMesh proxy as users run it: separate processes configured only through App Mesh-style environment
/// variables, fed by a real CloudMesh (API + control plane) with a mesh declared through the App Mesh API, in front of
/// real sample-service processes. Two versions of a service each behind a sidecar, a virtual router splitting between
/// them, a virtual gateway in front, and a client sidecar calling the service by name.
/// </summary>
public sealed class ProxyTests(CloudMeshApiFixture api) : IClassFixture<CloudMeshApiFixture>, IDisposable
{
    private readonly TempDirectory _state = new("cloudmesh-proxy-state");

    [Fact]
    public async Task The_gateway_splits_as_the_route_declares_and_follows_a_weight_change_made_through_the_API()
    {
        await using var mesh = await ColorsMesh.DeployAsync(api, _state);

        var first = await mesh.CountThroughGatewayAsync(1000);
        Assert.Equal(1000, first.Values.Sum());
        Assert.InRange(first.GetValueOrDefault("colors-v1"), 850, 950);

        await mesh.SetWeightsAsync(50, 50);
        await Eventually.TrueAsync(async () => (await mesh.CountThroughGatewayAsync(100)).GetValueOrDefault("colors-v2") >= 30,
            "the weight change never reached the gateway");
        var second = await mesh.CountThroughGatewayAsync(1000);
        Assert.Equal(1000, second.Values.Sum());
        Assert.InRange(second.GetValueOrDefault("colors-v2"), 450, 550);
    }

    [Fact]
    public async Task A_client_sidecar_routes_by_service_name_through_the_servers_sidecars()
    {
        await using var mesh = await ColorsMesh.DeployAsync(api, _state);

        using var http = new HttpClient();
        var seen = new HashSet<string>();
        for (int i = 0; i < 200 && seen.Count < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{mesh.Client.Address}:{mesh.ClientEgressPort}/hello");
            request.Headers.Host = $"{mesh.ServiceName}:8080";
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            Assert.EndsWith(" /hello\n", body, StringComparison.Ordinal);
            seen.Add(body.Split(' ')[0]);
        }

        Assert.Equal(["colors-v1", "colors-v2"], seen.Order());

        // An unknown service name is not routed anywhere (the mesh's egress filter is DROP_ALL by default).
        using var unknown = new HttpRequestMessage(HttpMethod.Get, $"http://{mesh.Client.Address}:{mesh.ClientEgressPort}/");
        unknown.Headers.Host = "nowhere.example:80";
        using var refused = await http.SendAsync(unknown);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task The_admin_port_reports_readiness_configuration_clusters_and_Prometheus_stats()
    {
        await using var mesh = await ColorsMesh.DeployAsync(api, _state);
        var admin = mesh.Gateway.Admin;
        double before = await UpstreamRequestsAsync(admin);
        await mesh.CountThroughGatewayAsync(50);

        Assert.Equal("LIVE", (await admin.GetStringAsync("ready")).Trim());

        using var dump = JsonDocument.Parse(await admin.GetStringAsync("config_dump"));
        var text = dump.RootElement.GetRawText();
        Assert.Contains("type.googleapis.com/envoy.config.listener.v3.Listener", text, StringComparison.Ordinal);
        var listeners = dump.RootElement.GetProperty("configs").EnumerateArray()
            .Single(c => c.GetProperty("@type").GetString() == "type.googleapis.com/envoy.admin.v3.ListenersConfigDump")
            .GetProperty("dynamic_listeners").EnumerateArray().Select(l => l.GetProperty("name").GetString()).ToList();
        Assert.Contains($"lds_ingress_0.0.0.0_{mesh.GatewayPort}", listeners);

        var clusters = await admin.GetStringAsync("clusters");
        Assert.Contains($"{mesh.V1.Address}:{mesh.V1Port}", clusters, StringComparison.Ordinal);

        Assert.Equal(50, await UpstreamRequestsAsync(admin) - before);
        var stats = await admin.GetStringAsync("stats/prometheus");
        Assert.Contains("envoy_cluster_upstream_rq_xx{", stats, StringComparison.Ordinal);
        Assert.Contains("envoy_cluster_upstream_rq_time_bucket{", stats, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_stopped_by_quitquitquit_restarts_serving_its_last_good_configuration_without_a_control_plane()
    {
        await using var mesh = await ColorsMesh.DeployAsync(api, _state);
        await mesh.CountThroughGatewayAsync(10);
        var address = mesh.Gateway.Address;
        var stateFile = mesh.Gateway.StateFile;

        // Envoy's preStop hook: POST /quitquitquit drains and exits cleanly, as SIGTERM does.
        using (var quit = await mesh.Gateway.Admin.PostAsync("quitquitquit", null))
        {
            Assert.Equal(HttpStatusCode.OK, quit.StatusCode);
        }

        Assert.True(await mesh.Gateway.Process.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the proxy did not exit after /quitquitquit");
        Assert.Equal(0, mesh.Gateway.Process.ExitCode);
        await mesh.Gateway.DisposeAsync();

        // Nothing listens on this xDS address: the proxy must start from its persisted state alone.
        var nowhere = new Uri($"http://127.0.0.1:{FreePort.Get()}");
        mesh.Gateway = await ProxyProcess.StartAsync(mesh.GatewayArn, nowhere, mesh.XdsToken, _state, address, stateFile);

        var counts = await mesh.CountThroughGatewayAsync(100);
        Assert.Equal(100, counts.Values.Sum());
    }

    [Fact]
    public async Task SIGTERM_lets_a_request_in_flight_finish_and_then_the_proxy_exits_cleanly()
    {
        await using var mesh = await ColorsMesh.DeployAsync(api, _state);
        using var http = new HttpClient();
        var slow = http.GetAsync($"http://{mesh.Gateway.Address}:{mesh.GatewayPort}/slow/2");
        await Task.Delay(500); // let the request reach the app (it answers after 2 s)

        mesh.Gateway.Process.Terminate();

        using var response = await slow;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/slow/2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await mesh.Gateway.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the proxy did not exit after draining");
        Assert.Equal(0, mesh.Gateway.Process.ExitCode);
    }

    public void Dispose() => _state.Dispose();

    /// <summary>envoy_cluster_upstream_rq_total summed over the colors clusters.</summary>
    private static async Task<double> UpstreamRequestsAsync(HttpClient admin) =>
        (await admin.GetStringAsync("stats/prometheus")).Split('\n')
            .Where(l => l.StartsWith("envoy_cluster_upstream_rq_total{", StringComparison.Ordinal) && l.Contains("colors-v", StringComparison.Ordinal))
            .Sum(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture));

    /// <summary>
    /// The mesh every test deploys in a tenant of its own: colors-v1 and colors-v2 (app on 127.0.0.1:port, sidecar on
    /// its own address), router "colors" with one route, service colors.&lt;tenant&gt;.local, gateway "ingress", and a
    /// client node with the service as its backend.
    /// </summary>
    private sealed class ColorsMesh : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _owned = [];
        private AppMeshTestClient _client = null!;

        public string ServiceName { get; private set; } = "";

        public string XdsToken { get; private set; } = "";

        public string GatewayArn { get; private set; } = "";

        public int V1Port { get; private set; }

        public int GatewayPort { get; private set; }

        public int ClientEgressPort { get; private set; }

        public ProxyProcess V1 { get; private set; } = null!;

        public ProxyProcess Gateway { get; set; } = null!;

        public ProxyProcess Client { get; private set; } = null!;

        public static async Task<ColorsMesh> DeployAsync(CloudMeshApiFixture api, TempDirectory state)
        {
            var mesh = new ColorsMesh();
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
                sidecars[v] = await ProxyProcess.StartAsync(Arn("virtualNode", $"colors-v{v + 1}"), xds, XdsToken, state, addresses[v],
                    environment: new Dictionary<string, string>
                    {
                        ["CLOUDMESH_PROXY_INGRESS_PORT"] = ports[v].ToString(CultureInfo.InvariantCulture),
                        ["CLOUDMESH_PROXY_EGRESS_PORT"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
                    });
                _owned.Add(sidecars[v]);
            }

            V1 = sidecars[0];
            Client = await ProxyProcess.StartAsync(Arn("virtualNode", "client"), xds, XdsToken, state,
                environment: new Dictionary<string, string>
                {
                    ["CLOUDMESH_PROXY_INGRESS_PORT"] = FreePort.Get().ToString(CultureInfo.InvariantCulture),
                    ["CLOUDMESH_PROXY_EGRESS_PORT"] = ClientEgressPort.ToString(CultureInfo.InvariantCulture),
                });
            _owned.Add(Client);
            GatewayArn = Arn("virtualGateway", "ingress");
            Gateway = await ProxyProcess.StartAsync(GatewayArn, xds, XdsToken, state);

            // Ready means configured; the first request also proves the path end to end before a test measures it.
            await Eventually.TrueAsync(async () =>
            {
                using var http = new HttpClient();
                using var response = await http.GetAsync($"http://{Gateway.Address}:{GatewayPort}/");
                return response.IsSuccessStatusCode;
            }, "the gateway never routed a request to the service");
        }
    }
}
