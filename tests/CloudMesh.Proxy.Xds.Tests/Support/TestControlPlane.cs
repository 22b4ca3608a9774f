using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CloudMesh.ControlPlane.Protocol;
using CloudMesh.ControlPlane.Server;
using CloudMesh.ControlPlane.Sources;
using CloudMesh.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Proxy.Xds.Tests.Support;

/// <summary>
/// The real CloudMesh control plane on a loopback port (h2c), wired as the API host wires it
/// (<c>AddCloudMeshControlPlane</c> + <c>MapCloudMeshControlPlane</c>) with the real compiler behind
/// <see cref="CompilingProxyConfigSource"/>; only the mesh loader and token store are in-memory. With
/// <c>sotwOnly</c> it serves <see cref="SotwOnlyDiscoveryService"/> instead of the full ADS service.
/// </summary>
internal sealed class TestControlPlane : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestControlPlane(WebApplication app, int port, bool tls)
    {
        _app = app;
        Port = port;
        Address = new Uri($"{(tls ? "https" : "http")}://127.0.0.1:{port}");
        Http = new HttpClient { BaseAddress = Address, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
    }

    public int Port { get; }

    public Uri Address { get; }

    /// <summary>For the operator endpoints (HTTP/2 with prior knowledge on the gRPC port).</summary>
    public HttpClient Http { get; }

    public ConnectedProxyRegistry Registry => _app.Services.GetRequiredService<ConnectedProxyRegistry>();

    public SotwOnlyDiscoveryService? SotwOnly => _app.Services.GetService<SotwOnlyDiscoveryService>();

    /// <summary>Starts on <paramref name="port"/>: h2c, or TLS with <paramref name="certificate"/>.</summary>
    public static async Task<TestControlPlane> StartAsync(ShopMesh mesh, int port, bool sotwOnly = false, X509Certificate2? certificate = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            if (certificate is null)
            {
                listen.UseGrpcH2c();
            }
            else
            {
                listen.UseGrpcTls(certificate);
            }
        }));
        // Open ADS streams end when the host stops; no need to wait for them.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.Services.AddSingleton<IMeshSnapshotLoader>(new ShopMeshLoader(mesh));
        builder.Services.AddSingleton<CompilingProxyConfigSource>();
        builder.Services.AddSingleton<IProxyConfigSource>(sp => sp.GetRequiredService<CompilingProxyConfigSource>());
        builder.Services.AddSingleton<IConfigCacheInvalidator>(sp => sp.GetRequiredService<CompilingProxyConfigSource>());
        builder.Services.AddSingleton<IXdsTokenValidator, TestTokens>();
        builder.Services.AddCloudMeshControlPlane(options => options.ReplicaId = "xds-client-tests");
        if (sotwOnly)
        {
            builder.Services.AddSingleton<SotwOnlyDiscoveryService>();
        }

        WebApplication app = builder.Build();
        if (sotwOnly)
        {
            app.MapGrpcService<SotwOnlyDiscoveryService>();
        }
        else
        {
            app.MapCloudMeshControlPlane();
        }

        await app.StartAsync();
        return new TestControlPlane(app, port, certificate is not null);
    }

    /// <summary>Tells the control plane the mesh changed, as the PostgreSQL change feed does after a commit.</summary>
    public void MeshChanged()
    {
        var change = new MeshChange(ShopMesh.AccountId, ShopMesh.MeshName);
        foreach (IConfigCacheInvalidator invalidator in _app.Services.GetServices<IConfigCacheInvalidator>())
        {
            invalidator.Invalidate(change);
        }

        foreach (IMeshChangeListener listener in _app.Services.GetServices<IMeshChangeListener>())
        {
            listener.OnMeshChanged(change);
        }
    }

    /// <summary>The one stream of <paramref name="nodeId"/> on this server, or null.</summary>
    public ConnectedProxy? Stream(string nodeId) => Registry.FindByNodeId(nodeId).SingleOrDefault();

    /// <summary>The server's protocol state of <paramref name="typeUrl"/> on <paramref name="nodeId"/>'s stream, or null.</summary>
    public XdsTypeStatus? TypeStatus(string nodeId, string typeUrl) =>
        Stream(nodeId)?.Status.SingleOrDefault(s => s.TypeUrl == typeUrl);

    /// <summary>GET /debug/proxies?node=..., parsed.</summary>
    public async Task<JsonElement> DebugProxiesAsync(string nodeId)
    {
        string json = await Http.GetStringAsync($"/debug/proxies?node={Uri.EscapeDataString(nodeId)}");
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
