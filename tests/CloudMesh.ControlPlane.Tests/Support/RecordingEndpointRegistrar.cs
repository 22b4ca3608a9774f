using System.Collections.Concurrent;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Sources;

namespace CloudMesh.ControlPlane.Tests.Support;

/// <summary>
/// Stands in for the PostgreSQL-backed endpoint registry (tested with the API): records what the server
/// registers and deregisters.
/// </summary>
internal sealed class RecordingEndpointRegistrar : IEndpointRegistrar
{
    public ConcurrentQueue<string> Events { get; } = new();

    public ValueTask RegisterAsync(ProxyIdentity proxy, string instanceId, string address, int port, CancellationToken cancellationToken)
    {
        Events.Enqueue($"register {proxy} {instanceId} {address}:{port}");
        return ValueTask.CompletedTask;
    }

    public ValueTask DeregisterAsync(ProxyIdentity proxy, string instanceId, CancellationToken cancellationToken)
    {
        Events.Enqueue($"deregister {proxy} {instanceId}");
        return ValueTask.CompletedTask;
    }
}
