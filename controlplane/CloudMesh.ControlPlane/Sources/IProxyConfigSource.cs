using CloudMesh.ControlPlane.Model;

namespace CloudMesh.ControlPlane.Sources;

/// <summary>Where the ADS server gets a proxy's current configuration (load the mesh, compile, cache).</summary>
public interface IProxyConfigSource
{
    /// <summary>
    /// The proxy's configuration as of the latest committed state of its mesh, or null when the mesh or
    /// the virtual node/gateway the proxy stands for does not exist (yet, or any more).
    /// </summary>
    ValueTask<ProxyConfig?> GetConfigAsync(ProxyIdentity proxy, CancellationToken cancellationToken);
}
