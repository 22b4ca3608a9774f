using CloudMesh.ControlPlane.Model;

namespace CloudMesh.ControlPlane.Sources;

/// <summary>
/// Registers the instance a connected proxy announces in its node metadata into the endpoint registry
/// while its stream is open, so EDS on every replica can route to it.
/// </summary>
public interface IEndpointRegistrar
{
    /// <summary>Registers (or refreshes) the instance; the registration lasts until deregistered or its replica stops renewing it.</summary>
    ValueTask RegisterAsync(ProxyIdentity proxy, string instanceId, string address, int port, CancellationToken cancellationToken);

    /// <summary>Removes the instance (the proxy's stream ended).</summary>
    ValueTask DeregisterAsync(ProxyIdentity proxy, string instanceId, CancellationToken cancellationToken);
}
