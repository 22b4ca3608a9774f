namespace CloudMesh.Grpc.Tests.Support;

/// <summary>One CloudMesh test server (h2c) shared by a test class.</summary>
public sealed class CloudMeshServerFixture : IAsyncLifetime
{
    private CloudMeshTestServer? _server;

    public CloudMeshTestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _server = await CloudMeshTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>One grpc-js test server shared by a test class.</summary>
public sealed class GrpcJsServerFixture : IAsyncLifetime
{
    private GrpcJsTestServer? _server;

    public GrpcJsTestServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _server = await GrpcJsTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
