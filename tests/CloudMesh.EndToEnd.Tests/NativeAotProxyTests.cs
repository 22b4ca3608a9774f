using System.Net;
using System.Text.Json;
using CloudMesh.EndToEnd.Tests.Support;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.EndToEnd.Tests;

/// <summary>
/// The sidecar as it ships: the Native AOT executable (trimmed, compiled ahead of time) published from this
/// repository, run as the gateway and every sidecar of the colors mesh. What trimming can silently break is exercised
/// here with real traffic: the xDS client (protobuf parsing, Any unpacking), the route tables, the admin port's JSON
/// config dump (which formats every xDS type by reflection over the registry), Prometheus stats, the persisted state,
/// the shutdown paths and TLS (certificates from PEM files, mutual TLS, SAN checks). <see cref="ProxyTests"/> covers the same behaviour on the JIT build.
/// </summary>
public sealed class NativeAotProxyTests(CloudMeshApiFixture api, NativeAotProxyBuild aot)
    : IClassFixture<CloudMeshApiFixture>, IClassFixture<NativeAotProxyBuild>, IDisposable
{
    private readonly TempDirectory _state = new("cloudmesh-aot-proxy-state");

    [Fact]
    public async Task The_AOT_sidecars_and_gateway_route_split_follow_weight_changes_and_report_on_the_admin_port()
    {
        await using var mesh = await ColorsMesh.DeployAsync(api, _state, aot.Binary);

        var first = await mesh.CountThroughGatewayAsync(1000);
        Assert.Equal(1000, first.Values.Sum());
        Assert.InRange(first.GetValueOrDefault("colors-v1"), 850, 950);

        // While both versions carry weight the gateway holds both clusters (a zero-weight target is not compiled).
        var admin = mesh.Gateway.Admin;
        Assert.Equal("LIVE", (await admin.GetStringAsync("ready")).Trim());
        using var dump = JsonDocument.Parse(await admin.GetStringAsync("config_dump"));
        var text = dump.RootElement.GetRawText();
        Assert.Contains("type.googleapis.com/envoy.config.listener.v3.Listener", text, StringComparison.Ordinal);
        Assert.Contains("type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager", text, StringComparison.Ordinal);
        Assert.Contains($"{mesh.V1.Address}:{mesh.V1Port}", await admin.GetStringAsync("clusters"), StringComparison.Ordinal);
        Assert.Contains("envoy_cluster_upstream_rq_time_bucket{", await admin.GetStringAsync("stats/prometheus"), StringComparison.Ordinal);
        await MemoryReportAssert.WellFormedAsync(admin);

        await mesh.SetWeightsAsync(0, 100);
        await Eventually.TrueAsync(async () => (await mesh.CountThroughGatewayAsync(20)).GetValueOrDefault("colors-v2") == 20,
            "the weight change never reached the AOT gateway");

        // The client sidecar's egress routes by service name to the servers' sidecars.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{mesh.Client.Address}:{mesh.ClientEgressPort}/hello");
        request.Headers.Host = $"{mesh.ServiceName}:8080";
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("colors-v2 /hello\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_AOT_gateway_drains_on_SIGTERM_and_restarts_from_its_persisted_state_without_a_control_plane()
    {
        await using var mesh = await ColorsMesh.DeployAsync(api, _state, aot.Binary);
        await mesh.CountThroughGatewayAsync(10);
        var address = mesh.Gateway.Address;
        var stateFile = mesh.Gateway.StateFile;

        using var http = new HttpClient();
        var slow = http.GetAsync($"http://{address}:{mesh.GatewayPort}/slow/2");
        await Task.Delay(500); // let the request reach the app (it answers after 2 s)
        mesh.Gateway.Process.Terminate();
        using (var response = await slow)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(await mesh.Gateway.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)), "the AOT proxy did not exit after draining");
        Assert.Equal(0, mesh.Gateway.Process.ExitCode);
        await mesh.Gateway.DisposeAsync();

        var nowhere = new Uri($"http://127.0.0.1:{FreePort.Get()}");
        mesh.Gateway = await ProxyProcess.StartAsync(mesh.GatewayArn, nowhere, mesh.XdsToken, _state, address, stateFile, binary: aot.Binary);
        var counts = await mesh.CountThroughGatewayAsync(100);
        Assert.Equal(100, counts.Values.Sum());
    }

    [Fact]
    public async Task AOT_proxies_serve_tls_to_curl_and_speak_mutual_tls_between_sidecars()
    {
        await using var mesh = await SecureMesh.DeployAsync(api, _state, aot.Binary);

        var secure = await SecureMesh.CurlAsync(mesh.GatewayHttps("/aot"));
        Assert.True(secure.ExitCode == 0, secure.ToString());
        Assert.Equal("orders /aot\n", secure.Stdout);
        Assert.Equal("orders /web\n", await mesh.ThroughWebAsync("/web"));
        var wrongSan = mesh.Leaf("intruder", true, "spiffe://secure/intruder");
        Assert.NotEqual(0, (await SecureMesh.CurlAsync([.. mesh.OrdersHttps("/"), "--cert", wrongSan.Chain, "--key", wrongSan.Key])).ExitCode);

        // The admin port formats the TLS contexts (config dump), the certificates (/certs) and the ssl counters.
        var admin = mesh.Orders.Admin;
        Assert.Contains("type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext", await admin.GetStringAsync("config_dump"), StringComparison.Ordinal);
        using var certs = JsonDocument.Parse(await admin.GetStringAsync("certs"));
        Assert.Equal("orders.secure.local", certs.RootElement.GetProperty("certificates")[0].GetProperty("cert_chain")[0].GetProperty("subject_alt_names")[0].GetProperty("dns").GetString());
        Assert.Contains("envoy_listener_ssl_fail_verify_san{envoy_listener_address=\"0.0.0.0_15000\"} 1", await admin.GetStringAsync("stats/prometheus"), StringComparison.Ordinal);
    }

    public void Dispose() => _state.Dispose();
}
