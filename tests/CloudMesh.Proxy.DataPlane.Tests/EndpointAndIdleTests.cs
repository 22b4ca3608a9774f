using System.Net;
using System.Net.Sockets;
using System.Text;
using CloudMesh.Proxy.DataPlane.Tests.Support;

namespace CloudMesh.Proxy.DataPlane.Tests;

/// <summary>EDS endpoints (health status honoured, updates in place) and idle timeouts of HTTP and TCP connections.</summary>
public sealed class EndpointAndIdleTests
{
    [Fact]
    public async Task Eds_hosts_marked_unhealthy_get_no_traffic_and_updates_move_traffic()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        TestMesh Mesh(int[] unhealthy) => new TestMesh()
            .Node("front", 18080, backends: ["svc.demo.local"])
            .RegisteredNode("svc", 9000, [a.Port, b.Port], unhealthyPorts: unhealthy)
            .ServiceOnNode("svc.demo.local", "svc");
        await using var proxy = await TestProxy.StartAsync();

        async Task<HashSet<string>> SeenAsync()
        {
            var seen = new HashSet<string>();
            for (var i = 0; i < 10; i++)
            {
                using var response = await proxy.GetAsync(proxy.Egress, "/", host: "svc.demo.local");
                seen.Add(await response.Content.ReadAsStringAsync());
            }

            return seen;
        }

        await proxy.ApplyAsync(Mesh([b.Port]).Compile("front"));
        Assert.Equal(["a"], await SeenAsync());

        await proxy.ApplyAsync(Mesh([a.Port]).Compile("front"));
        Assert.Equal(["b"], await SeenAsync());

        await proxy.ApplyAsync(Mesh([]).Compile("front"));
        Assert.Equal(["a", "b"], (await SeenAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_idle_http_connection_is_closed_after_the_connection_manager_idle_timeout()
    {
        await using var app = await TestBackend.StartAsync("app");
        var state = new TestMesh().Node("front", app.Port, listenerExtras: """{"timeout":{"http":{"idle":{"unit":"s","value":1}}}}""").Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, proxy.Ports[15000]);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: front\r\n\r\n"));

        // Read the response, then keep reading: the proxy closes the idle connection (read returns 0).
        var buffer = new byte[4096];
        var text = new StringBuilder();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int read;
        while ((read = await stream.ReadAsync(buffer, deadline.Token)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        Assert.StartsWith("HTTP/1.1 200", text.ToString(), StringComparison.Ordinal);
        Assert.False(deadline.IsCancellationRequested);
    }

    [Fact]
    public async Task An_idle_tcp_proxy_connection_is_closed_after_its_idle_timeout()
    {
        await using var echo = new TcpEchoServer();
        var state = new TestMesh().Node("db", echo.Port, protocol: "tcp", listenerExtras: """{"timeout":{"tcp":{"idle":{"unit":"s","value":1}}}}""").Compile("db");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, proxy.Ports[15000]);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("hi"));
        var buffer = new byte[16];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var echoed = await stream.ReadAsync(buffer, deadline.Token);
        var closed = await stream.ReadAsync(buffer, deadline.Token);

        Assert.Equal("hi", Encoding.ASCII.GetString(buffer, 0, echoed));
        Assert.Equal(0, closed);
    }
}
