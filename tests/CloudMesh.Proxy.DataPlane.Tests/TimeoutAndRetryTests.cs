using System.Net;
using CloudMesh.Proxy.DataPlane.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace CloudMesh.Proxy.DataPlane.Tests;

/// <summary>Route timeouts (504), retries on 5xx, connect failures, per-try timeouts and gRPC statuses, and the retry buffer bound.</summary>
public sealed class TimeoutAndRetryTests
{
    private static TestMesh RouterTo(int port, string retryPolicy) => new TestMesh()
        .Node("front", 18080, backends: ["svc.demo.local"])
        .Node("v1", port)
        .ServiceOnRouter("svc.demo.local", "router", 8080)
        .Route("router", "retrying", $$$$"""{"httpRoute":{"match":{"prefix":"/"},"action":{"weightedTargets":[{"virtualNode":"v1","weight":1}]},"retryPolicy":{{{{retryPolicy}}}}}}""");

    [Fact]
    public async Task Route_timeout_answers_504_as_Envoy()
    {
        await using var app = await TestBackend.StartAsync("slow", async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
        });
        var state = new TestMesh().Node("front", app.Port, listenerExtras: """{"timeout":{"http":{"perRequest":{"unit":"ms","value":300}}}}""").Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        using var response = await proxy.GetAsync(proxy.Ingress, "/slow");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("upstream request timeout", await response.Content.ReadAsStringAsync());
        var stats = proxy.DataPlane.Snapshot().Clusters.Single(c => c.Name.StartsWith("cds_ingress_", StringComparison.Ordinal)).Stats;
        Assert.Equal(1, stats.Timeouts);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_the_request_body_is_sent_again()
    {
        var calls = 0;
        await using var app = await TestBackend.StartAsync("flaky", async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            if (Interlocked.Increment(ref calls) <= 2)
            {
                context.Response.StatusCode = 503;
                return;
            }

            await context.Response.WriteAsync("got:" + body);
        });
        var state = RouterTo(app.Port, """{"maxRetries":3,"perRetryTimeout":{"unit":"s","value":5},"httpRetryEvents":["server-error"]}""").Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(proxy.Egress, "/")) { Content = new StringContent("payload") };
        request.Headers.Host = "svc.demo.local";
        using var response = await proxy.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("got:payload", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, app.Requests);
        var cluster = proxy.DataPlane.Snapshot().Clusters.Single(c => c.Name.Contains("_v1_", StringComparison.Ordinal));
        Assert.Equal(2, cluster.Stats.Retries);
    }

    [Fact]
    public async Task A_body_larger_than_the_retry_buffer_is_not_retried()
    {
        await using var app = await TestBackend.StartAsync("failing", async context =>
        {
            await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Response.StatusCode = 503;
        });
        var state = RouterTo(app.Port, """{"maxRetries":3,"perRetryTimeout":{"unit":"s","value":5},"httpRetryEvents":["server-error"]}""").Compile("front");
        await using var proxy = await TestProxy.StartAsync(retryBufferLimit: 1024);
        await proxy.ApplyAsync(state);

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(proxy.Egress, "/")) { Content = new ByteArrayContent(new byte[64 * 1024]) };
        request.Headers.Host = "svc.demo.local";
        using var response = await proxy.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, app.Requests);
    }

    [Fact]
    public async Task Connect_failures_are_retried_then_answered_503()
    {
        var closedPort = CloudMesh.TestSupport.FreePort.Get();
        var state = RouterTo(closedPort, """{"maxRetries":2,"perRetryTimeout":{"unit":"s","value":5},"tcpRetryEvents":["connection-error"]}""").Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        using var response = await proxy.GetAsync(proxy.Egress, "/", host: "svc.demo.local");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("upstream connect error or disconnect/reset before headers", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stats = proxy.DataPlane.Snapshot().Clusters.Single(c => c.Name.Contains("_v1_", StringComparison.Ordinal)).Stats;
        Assert.Equal(2, stats.Retries);
        Assert.Equal(3, stats.ConnectFailures);
    }

    [Fact]
    public async Task A_try_that_exceeds_the_per_try_timeout_is_retried()
    {
        var calls = 0;
        await using var app = await TestBackend.StartAsync("sometimes-slow", async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            }

            await context.Response.WriteAsync("fast");
        });
        var state = RouterTo(app.Port, """{"maxRetries":2,"perRetryTimeout":{"unit":"ms","value":300},"httpRetryEvents":["server-error"]}""").Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        using var response = await proxy.GetAsync(proxy.Egress, "/", host: "svc.demo.local");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fast", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, app.Requests);
    }

    [Fact]
    public async Task Grpc_unavailable_is_retried_when_the_policy_says_so()
    {
        var calls = 0;
        await using var app = await TestBackend.StartAsync("grpc-flaky", async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/grpc";
            if (Interlocked.Increment(ref calls) == 1)
            {
                // A trailers-only answer: the status travels in the headers.
                context.Response.Headers["grpc-status"] = "14";
                return;
            }

            await context.Response.Body.WriteAsync(new byte[] { 0, 0, 0, 0, 0 });
            context.Response.AppendTrailer("grpc-status", "0");
        }, Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
        var state = new TestMesh()
            .Node("front", 18080, backends: ["svc.demo.local"])
            .Node("v1", app.Port, protocol: "grpc")
            .ServiceOnRouter("svc.demo.local", "router", 8080, protocol: "grpc")
            .Route("router", "grpc", """{"grpcRoute":{"match":{"serviceName":"demo.Echo"},"action":{"weightedTargets":[{"virtualNode":"v1","weight":1}]},"retryPolicy":{"maxRetries":2,"perRetryTimeout":{"unit":"s","value":5},"grpcRetryEvents":["unavailable"]}}}""")
            .Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(proxy.Egress, "/demo.Echo/Say"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        request.Headers.Host = "svc.demo.local";
        using var response = await proxy.Client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
        Assert.Equal(2, app.Requests);
    }
}
