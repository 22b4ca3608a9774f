using System.Net;
using System.Net.Sockets;
using System.Text;
using CloudMesh.Proxy.DataPlane.Tests.Support;

namespace CloudMesh.Proxy.DataPlane.Tests;

/// <summary>tcp_proxy chains (ingress and egress) and the egress filter: ALLOW_ALL passes unknown hosts through, DROP_ALL does not.</summary>
public sealed class TcpAndEgressTests
{
    private static async Task<string> RoundTripAsync(int port, string message, int expectedLength)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(message));
        var buffer = new byte[expectedLength];
        var read = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (read < expectedLength)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    [Fact]
    public async Task Ingress_tcp_listener_pumps_bytes_to_the_local_application()
    {
        await using var echo = new TcpEchoServer();
        var state = new TestMesh().Node("db", echo.Port, protocol: "tcp").Compile("db");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        Assert.Equal("ping-pong", await RoundTripAsync(proxy.Ports[15000], "ping-pong", 9));
        var stats = proxy.DataPlane.Snapshot().Clusters.Single(c => c.Name.StartsWith("cds_ingress_", StringComparison.Ordinal)).Stats;
        Assert.Equal(1, stats.TcpConnections);
    }

    [Fact]
    public async Task Egress_tcp_backend_is_reached_through_its_chain_even_for_server_first_protocols()
    {
        await using var db = new TcpEchoServer(greeting: "HELLO ");
        var state = new TestMesh()
            .Node("front", 18080, backends: ["db.demo.local"])
            .Node("db", db.Port, protocol: "tcp")
            .ServiceOnNode("db.demo.local", "db")
            .Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        Assert.Equal("HELLO query", await RoundTripAsync(proxy.Ports[15001], "query", 11));
    }

    [Fact]
    public async Task Allow_all_passes_unknown_hosts_through_and_drop_all_answers_404()
    {
        await using var outside = await TestBackend.StartAsync("outside");
        await using var back = await TestBackend.StartAsync("back");
        TestMesh Mesh(string filter) => new TestMesh(filter)
            .Node("front", 18080, backends: ["back.demo.local"])
            .Node("back", back.Port)
            .ServiceOnNode("back.demo.local", "back");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(Mesh("ALLOW_ALL").Compile("front"));

        using var client = new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy(proxy.Egress), UseProxy = true });
        using (var passedThrough = await client.GetAsync($"http://127.0.0.1:{outside.Port}/out"))
        {
            Assert.Equal(HttpStatusCode.OK, passedThrough.StatusCode);
            Assert.Equal("outside", await passedThrough.Content.ReadAsStringAsync());
        }

        using (var inMesh = await client.GetAsync($"http://back.demo.local:{back.Port}/in"))
        {
            Assert.Equal("back", await inMesh.Content.ReadAsStringAsync());
        }

        await proxy.ApplyAsync(Mesh("DROP_ALL").Compile("front"));
        using var dropped = await proxy.GetAsync(proxy.Egress, "/out", host: $"127.0.0.1:{outside.Port}");
        Assert.Equal(HttpStatusCode.NotFound, dropped.StatusCode);
        Assert.Equal(1, outside.Requests);
    }
}
