namespace CloudMesh.Proxy.Hosting;

/// <summary>The proxy's life cycle, as Envoy's admin reports it.</summary>
public enum ServerState
{
    /// <summary>No configuration applied yet (neither from the control plane nor from the state file).</summary>
    PreInitializing,

    /// <summary>Serving a configuration.</summary>
    Live,

    /// <summary>Stopping: no new connections, in-flight requests finishing.</summary>
    Draining,
}
