using CloudMesh.Pulumi.Provider.Configuration;
using CloudMesh.Pulumi.Provider.Resources;
using CloudMesh.Sdk.Resources;

namespace CloudMesh.Pulumi.Provider;

/// <summary>
/// What one provider process remembers between calls: the operations of its configured client (set once by
/// Configure, swapped atomically) and the token the engine's Cancel trips for every operation in flight.
/// </summary>
/// <remarks>Thread-safe: the engine calls RPCs concurrently.</remarks>
internal sealed class ProviderState : IDisposable
{
    private readonly CancellationTokenSource _cancelAll = new();
    private volatile Configured? _configured;

    /// <summary>Cancelled when the engine calls Cancel.</summary>
    public CancellationToken CancelAll => _cancelAll.Token;

    /// <summary>The configuration in force, if Configure has been called.</summary>
    public ProviderConfig? Config => _configured?.Config;

    /// <summary>The operations of the configured client.</summary>
    /// <exception cref="global::Grpc.Core.RpcException">FAILED_PRECONDITION: Configure has not been called.</exception>
    public ResourceOperations Operations => _configured?.Operations
        ?? throw new global::Grpc.Core.RpcException(new global::Grpc.Core.Status(global::Grpc.Core.StatusCode.FailedPrecondition, "The cloudmesh provider has not been configured (the engine calls Configure first)."));

    /// <summary>Installs a configuration and its client, disposing the previous client.</summary>
    public void Configure(ProviderConfig config)
    {
        var api = new MeshResources(AppMeshClientFactory.Create(config));
        var previous = Interlocked.Exchange(ref _configured, new Configured(config, api, new ResourceOperations(api)));
        previous?.Api.Dispose();
    }

    /// <summary>Trips <see cref="CancelAll"/>.</summary>
    public void Cancel() => _cancelAll.Cancel();

    /// <inheritdoc />
    public void Dispose()
    {
        _configured?.Api.Dispose();
        _cancelAll.Dispose();
    }

    private sealed record Configured(ProviderConfig Config, MeshResources Api, ResourceOperations Operations);
}
