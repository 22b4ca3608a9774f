using System.Net;
using CloudMesh.Proxy.DataPlane.Tests.Support;
using Envoy.Config.Core.V3;
using Microsoft.AspNetCore.Http;

namespace CloudMesh.Proxy.DataPlane.Tests;

/// <summary>Apply semantics over real sockets: NACK keeps the old configuration serving, warming listeners bind when ready, stop drains.</summary>
public sealed class DataPlaneLifecycleTests
{
    [Fact]
    public async Task A_rejected_state_leaves_the_previous_one_serving()
    {
        await using var app = await TestBackend.StartAsync("app");
        var good = new TestMesh().Node("front", app.Port).Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(good);

        var listener = good.Listeners["lds_ingress_0.0.0.0_15000"].Clone();
        listener.FilterChains[0].TransportSocket = new TransportSocket { Name = "envoy.transport_sockets.tls" };
        var result = await proxy.DataPlane.ApplyAsync(good with { Listeners = good.Listeners.SetItem(listener.Name, listener) }, "type.googleapis.com/envoy.config.listener.v3.Listener", CancellationToken.None);

        Assert.False(result.IsAccepted);
        Assert.Contains("lds_ingress_0.0.0.0_15000", result.ErrorDetail, StringComparison.Ordinal);
        using var response = await proxy.GetAsync(proxy.Ingress, "/still");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Same(good, proxy.DataPlane.State);
    }

    [Fact]
    public async Task A_listener_that_cannot_bind_is_reported_and_the_others_serve()
    {
        await using var app = await TestBackend.StartAsync("app");
        var state = new TestMesh().Node("front", app.Port, backends: ["back.demo.local"]).Node("back", app.Port).ServiceOnNode("back.demo.local", "back").Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        using var squatter = new System.Net.Sockets.TcpListener(IPAddress.Loopback, proxy.Ports[15001]);
        squatter.Start();

        var result = await proxy.DataPlane.ApplyAsync(state, "", CancellationToken.None);

        Assert.False(result.IsAccepted);
        Assert.Contains("lds_egress_0.0.0.0_15001", result.ErrorDetail, StringComparison.Ordinal);
        using var response = await proxy.GetAsync(proxy.Ingress, "/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_warming_listener_is_bound_once_its_route_configuration_arrives()
    {
        await using var app = await TestBackend.StartAsync("app");
        var full = new TestMesh().Node("front", app.Port).Compile("front");
        await using var proxy = await TestProxy.StartAsync();

        await proxy.ApplyAsync(full with { RouteConfigurations = full.RouteConfigurations.Clear() });
        var warming = proxy.DataPlane.Snapshot().Listeners.Single();
        Assert.True(warming.Warming);
        Assert.Null(warming.BoundEndpoint);
        await Assert.ThrowsAsync<HttpRequestException>(() => proxy.GetAsync(proxy.Ingress, "/"));

        await proxy.ApplyAsync(full);
        using var response = await proxy.GetAsync(proxy.Ingress, "/");
        Assert.Equal("app", await response.Content.ReadAsStringAsync());
        Assert.False(proxy.DataPlane.Snapshot().Listeners.Single().Warming);
    }

    [Fact]
    public async Task Stopping_lets_a_request_in_flight_finish_and_refuses_new_connections()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await TestBackend.StartAsync("slow", async context =>
        {
            entered.TrySetResult();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await context.Response.WriteAsync("finished");
        });
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(new TestMesh().Node("front", app.Port).Compile("front"));

        var inFlight = proxy.GetAsync(proxy.Ingress, "/slow");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var stopping = proxy.DataPlane.StopAsync(CancellationToken.None);
        using var response = await inFlight;
        await stopping;

        Assert.Equal("finished", await response.Content.ReadAsStringAsync());
        using var fresh = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync(proxy.Ingress));
    }
}
