using CloudMesh.Api.Security;
using CloudMesh.EmbeddedPostgres;

namespace CloudMesh.Api.Hosting;

/// <summary>A started CloudMesh API server; disposing it stops the server and any database it provisioned.</summary>
public sealed class CloudMeshServer(WebApplication app, PostgresCluster? cluster, KeyMaterial keys, Uri endpoint, Uri? xdsEndpoint, string guidance)
    : IAsyncDisposable
{
    /// <summary>The running application.</summary>
    public WebApplication App => app;

    /// <summary>The first URL the server listens on.</summary>
    public Uri Endpoint => endpoint;

    /// <summary>Where the control plane serves ADS (gRPC over HTTP/2), or null when it is off in this process.</summary>
    public Uri? XdsEndpoint => xdsEndpoint;

    /// <summary>The admin bearer token.</summary>
    public string AdminToken => keys.AdminToken;

    /// <summary>Where the generated admin token is kept, when it was generated.</summary>
    public string? AdminTokenFile => keys.AdminTokenFile;

    /// <summary>What to print for a newcomer: the default tenant's credentials and an AWS CLI profile.</summary>
    public string Guidance => guidance;

    /// <summary>Waits until the host shuts down (SIGTERM, Ctrl+C).</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => app.WaitForShutdownAsync(ct);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}
