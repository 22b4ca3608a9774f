using System.Net;
using CloudMesh.ControlPlane.Hosting;
using CloudMesh.ControlPlane.Snapshots;
using CloudMesh.ControlPlane.Sources;
using CloudMesh.Grpc;
using CloudMesh.SigV4;
using Envoy.Service.Discovery.V3;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMesh.ControlPlane.Tests.Support;

/// <summary>
/// A real Kestrel server on a loopback port (h2c) running the control plane as the lead's host will:
/// <c>AddCloudMeshControlPlane</c> + <c>MapCloudMeshControlPlane</c>. The configuration source, token validator and
/// endpoint registrar are in-memory stand-ins for the PostgreSQL-backed ones, which are tested with the API.
/// </summary>
internal sealed class ControlPlaneHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ControlPlaneHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
        Http = new HttpClient { BaseAddress = address, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
    }

    public Uri Address { get; }

    public InMemoryProxyConfigSource Source => _app.Services.GetRequiredService<InMemoryProxyConfigSource>();

    public RecordingEndpointRegistrar Registrar => _app.Services.GetRequiredService<RecordingEndpointRegistrar>();

    public SnapshotCache Cache => _app.Services.GetRequiredService<SnapshotCache>();

    public IServiceProvider Services => _app.Services;

    public GrpcChannel Channel { get; }

    /// <summary>For the operator endpoints (HTTP/2 with prior knowledge, like gRPC, on the same port).</summary>
    public HttpClient Http { get; }

    public AggregatedDiscoveryService.AggregatedDiscoveryServiceClient Client => new(Channel);

    /// <summary>Notifies the server as the change feed would after a commit.</summary>
    public void Changed(string accountId, string meshName)
    {
        foreach (IMeshChangeListener listener in _app.Services.GetServices<IMeshChangeListener>())
        {
            listener.OnMeshChanged(new MeshChange(accountId, meshName));
        }
    }

    public static async Task<ControlPlaneHost> StartAsync(
        Action<ControlPlaneOptions>? configure = null, Action<IServiceCollection>? configureServices = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseGrpcH2c()));
        builder.Services.AddSingleton<InMemoryProxyConfigSource>();
        builder.Services.AddSingleton<IProxyConfigSource>(sp => sp.GetRequiredService<InMemoryProxyConfigSource>());
        builder.Services.AddSingleton<IXdsTokenValidator>(TestTenant.Tokens());
        builder.Services.AddSingleton<ISigV4CredentialStore>(TestTenant.CredentialStore());
        builder.Services.AddSingleton<RecordingEndpointRegistrar>();
        builder.Services.AddSingleton<IEndpointRegistrar>(sp => sp.GetRequiredService<RecordingEndpointRegistrar>());
        configureServices?.Invoke(builder.Services);
        builder.Services.AddCloudMeshControlPlane(options =>
        {
            options.ReplicaId = "test-replica";
            configure?.Invoke(options);
        });

        WebApplication app = builder.Build();
        app.MapCloudMeshControlPlane();
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ControlPlaneHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
