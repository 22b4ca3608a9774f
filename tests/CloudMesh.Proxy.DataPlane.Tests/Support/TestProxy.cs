using System.Net;
using CloudMesh.Proxy.Xds;
using CloudMesh.TestSupport;

namespace CloudMesh.Proxy.DataPlane.Tests.Support;

/// <summary>A started <see cref="ProxyDataPlane"/> on loopback with the sidecar ports (and any others asked for) mapped to free ports.</summary>
public sealed class TestProxy : IAsyncDisposable
{
    private TestProxy(ProxyDataPlane dataPlane, Dictionary<int, int> ports)
    {
        DataPlane = dataPlane;
        Ports = ports;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public ProxyDataPlane DataPlane { get; }

    /// <summary>xDS listener port → bound port.</summary>
    public IReadOnlyDictionary<int, int> Ports { get; }

    public HttpClient Client { get; }

    public Uri Ingress => Listener(15000);

    public Uri Egress => Listener(15001);

    public Uri Listener(int xdsPort) => new($"http://127.0.0.1:{Ports[xdsPort]}");

    public static Task<TestProxy> StartAsync(params int[] extraPorts) => StartAsync(null, extraPorts);

    /// <summary>A proxy bound to <paramref name="address"/> (a pod's own address) whose ingress listener binds <paramref name="ingressPort"/>.</summary>
    public static async Task<TestProxy> StartAtAsync(IPAddress address, int ingressPort)
    {
        var ports = new Dictionary<int, int> { [15000] = ingressPort, [15001] = FreePort.Get() };
        var dataPlane = new ProxyDataPlane(new DataPlaneOptions
        {
            ListenerPortMap = ports,
            BindAddress = address,
            DrainTimeout = TimeSpan.FromSeconds(5),
        });
        await dataPlane.StartAsync(CancellationToken.None);
        return new TestProxy(dataPlane, ports);
    }

    public static async Task<TestProxy> StartAsync(int? retryBufferLimit, params int[] extraPorts)
    {
        var ports = new Dictionary<int, int> { [15000] = FreePort.Get(), [15001] = FreePort.Get() };
        foreach (var port in extraPorts)
        {
            ports[port] = FreePort.Get();
        }

        var dataPlane = new ProxyDataPlane(new DataPlaneOptions
        {
            ListenerPortMap = ports,
            BindAddress = IPAddress.Loopback,
            DrainTimeout = TimeSpan.FromSeconds(5),
            RetryBufferLimit = retryBufferLimit ?? 1024 * 1024,
        });
        await dataPlane.StartAsync(CancellationToken.None);
        return new TestProxy(dataPlane, ports);
    }

    /// <summary>Applies <paramref name="state"/> and fails the test if it is rejected.</summary>
    public async Task ApplyAsync(XdsState state)
    {
        var result = await DataPlane.ApplyAsync(state, "", CancellationToken.None);
        Assert.True(result.IsAccepted, result.ErrorDetail);
    }

    /// <summary>A GET through a listener with the given Host header.</summary>
    public Task<HttpResponseMessage> GetAsync(Uri listener, string path, string? host = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(listener, path));
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        configure?.Invoke(request);
        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await DataPlane.DisposeAsync();
    }
}
