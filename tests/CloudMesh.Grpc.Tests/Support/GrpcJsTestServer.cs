using CloudMesh.TestSupport;

namespace CloudMesh.Grpc.Tests.Support;

/// <summary>The grpc-js test server (tests/interop/grpc/test-server.js) as a child process on a loopback port.</summary>
public sealed class GrpcJsTestServer : IAsyncDisposable
{
    private readonly NodeProcess _process;

    private GrpcJsTestServer(NodeProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<GrpcJsTestServer> StartAsync()
    {
        var process = NodeProcess.Start(Path.Combine("grpc", "test-server.js"), [NodeInterop.ProtoPath]);
        try
        {
            // The server prints "LISTENING <port>" once it serves; ReadLineAsync fails with its stderr if it never does.
            while (true)
            {
                var line = await process.ReadLineAsync();
                if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
                {
                    return new GrpcJsTestServer(process, new Uri($"http://127.0.0.1:{line["LISTENING ".Length..]}"));
                }
            }
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closing stdin asks the server to shut down; it is killed if it does not.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
