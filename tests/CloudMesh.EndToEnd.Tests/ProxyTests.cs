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
    public async Task The_admin_port_reports_readiness_configuration_clusters_Prometheus_stats_and_memory()
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
        await MemoryReportAssert.WellFormedAsync(admin);
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
}
