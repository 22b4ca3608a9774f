using System.Net;
using System.Net.WebSockets;
using System.Text;
using CloudMesh.Proxy.DataPlane.Tests.Support;
using CloudMesh.TestSupport;
using Microsoft.AspNetCore.Http;

namespace CloudMesh.Proxy.DataPlane.Tests;

/// <summary>Circuit breakers, outlier detection, active health checks, WebSockets and access logs, over real sockets.</summary>
public sealed class ResiliencePolicyTests
{
    [Fact]
    public async Task Requests_beyond_the_circuit_breaker_are_answered_503_and_counted()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await TestBackend.StartAsync("held", async context =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync("released");
        }, Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
        var state = new TestMesh().Node("front", app.Port, protocol: "http2", listenerExtras: """{"connectionPool":{"http2":{"maxRequests":1}}}""").Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        var first = proxy.GetAsync(proxy.Ingress, "/held");
        await Eventually.TrueAsync(() => Task.FromResult(app.Requests == 1), "the first request reached the app");
        using var overflow = await proxy.GetAsync(proxy.Ingress, "/second");
        release.SetResult();
        using var firstResponse = await first;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, overflow.StatusCode);
        Assert.Equal("true", overflow.Headers.GetValues("x-envoy-overloaded").Single());
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        var stats = proxy.DataPlane.Snapshot().Clusters.Single(c => c.Name.StartsWith("cds_ingress_", StringComparison.Ordinal)).Stats;
        Assert.Equal(1, stats.Overflow);
    }

    [Fact]
    public async Task A_host_with_consecutive_server_errors_is_ejected()
    {
        await using var good = await TestBackend.StartAsync("good");
        await using var bad = await TestBackend.StartAsync("bad", context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        var state = new TestMesh()
            .Node("front", 18080, backends: ["svc.demo.local"])
            .RegisteredNode("svc", 9000, [good.Port, bad.Port], """{"outlierDetection":{"maxServerErrors":2,"interval":{"unit":"s","value":1},"baseEjectionDuration":{"unit":"s","value":60},"maxEjectionPercent":50}}""")
            .ServiceOnNode("svc.demo.local", "svc")
            .Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        for (var i = 0; i < 10; i++)
        {
            using var warmup = await proxy.GetAsync(proxy.Egress, "/", host: "svc.demo.local");
        }

        var badBefore = bad.Requests;
        for (var i = 0; i < 10; i++)
        {
            using var response = await proxy.GetAsync(proxy.Egress, "/", host: "svc.demo.local");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(badBefore, bad.Requests);
        var cluster = proxy.DataPlane.Snapshot().Clusters.Single(c => c.Type == "EDS");
        Assert.Equal(1, cluster.Stats.Ejections);
        Assert.Contains(cluster.Endpoints, e => e.Ejected && e.Address.EndsWith($":{bad.Port}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Active_health_checks_take_a_failing_host_out_of_rotation()
    {
        await using var good = await TestBackend.StartAsync("good");
        await using var sick = await TestBackend.StartAsync("sick", async context =>
        {
            context.Response.StatusCode = context.Request.Path == "/health" ? 503 : 200;
            await context.Response.WriteAsync("sick");
        });
        var state = new TestMesh()
            .Node("front", 18080, backends: ["svc.demo.local"])
            .RegisteredNode("svc", 9000, [good.Port, sick.Port], """{"healthCheck":{"protocol":"http","path":"/health","intervalMillis":5000,"timeoutMillis":2000,"healthyThreshold":2,"unhealthyThreshold":2}}""")
            .ServiceOnNode("svc.demo.local", "svc")
            .Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        await Eventually.TrueAsync(
            () => Task.FromResult(proxy.DataPlane.Snapshot().Clusters.Single(c => c.Type == "EDS").Endpoints.Any(e => !e.Healthy)),
            "the sick host is marked unhealthy",
            TimeSpan.FromSeconds(60));
        for (var i = 0; i < 10; i++)
        {
            using var response = await proxy.GetAsync(proxy.Egress, "/work", host: "svc.demo.local");
            Assert.Equal("good", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task WebSockets_upgrade_through_the_http_path()
    {
        await using var app = await TestBackend.StartAsync("ws", async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1024];
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            await socket.SendAsync(buffer.AsMemory(0, received.Count), WebSocketMessageType.Text, true, context.RequestAborted);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", context.RequestAborted);
        }, webSockets: true);
        var state = new TestMesh().Node("front", app.Port).Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        using var client = new ClientWebSocket();
        await client.ConnectAsync(new Uri($"ws://127.0.0.1:{proxy.Ports[15000]}/socket"), CancellationToken.None);
        await client.SendAsync(Encoding.UTF8.GetBytes("over the mesh"), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = new byte[1024];
        var result = await client.ReceiveAsync(reply, CancellationToken.None);

        Assert.Equal("over the mesh", Encoding.UTF8.GetString(reply, 0, result.Count));
    }

    [Fact]
    public async Task Access_log_entries_are_written_to_the_configured_file()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "access.log");
        await using var app = await TestBackend.StartAsync("logged");
        var state = new TestMesh().Node("front", app.Port, logPath: path).Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        using var response = await proxy.GetAsync(proxy.Ingress, "/logged?x=1", host: "front.demo.local");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await Eventually.TrueAsync(
            () => Task.FromResult(File.Exists(path) && File.ReadAllText(path).Contains("\"GET /logged?x=1 HTTP/1.1\" 200", StringComparison.Ordinal)),
            "the access log has the request");
        var line = File.ReadAllLines(path).Single();
        Assert.Contains("\"front.demo.local\"", line, StringComparison.Ordinal);
        Assert.Contains($"\"127.0.0.1:{app.Port}\"", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"json":[{"key":"path","value":"%REQ(:PATH)%"},{"key":"code","value":"%RESPONSE_CODE%"}]}""", "{\"path\":\"/formatted\",\"code\":200}")]
    [InlineData("""{"text":"%REQ(:METHOD)% %REQ(:PATH)% -> %RESPONSE_CODE%\n"}""", "GET /formatted -> 200")]
    public async Task Access_log_lines_follow_App_Meshs_json_and_text_formats(string format, string expectedLine)
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Path, "access.log");
        await using var app = await TestBackend.StartAsync("formatted");
        var state = new TestMesh().Node("front", app.Port, logPath: path, logFormat: format).Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        using var response = await proxy.GetAsync(proxy.Ingress, "/formatted", host: "front.demo.local");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(path) && File.ReadAllText(path).Length > 0), "the access log has the request");
        Assert.Equal(expectedLine, File.ReadAllLines(path).Single());
    }
}
