using System.Net;
using System.Net.Sockets;

namespace CloudMesh.Pulumi.Tests.Support;

/// <summary>A listening socket standing in for the engine's gRPC server; disposing it is the engine going away.</summary>
public sealed class EngineStandIn : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    /// <summary>Starts listening on a free loopback port.</summary>
    public EngineStandIn() => _listener.Start();

    /// <summary>The host:port the engine would pass to the plugin.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <inheritdoc />
    public void Dispose() => _listener.Stop();
}
