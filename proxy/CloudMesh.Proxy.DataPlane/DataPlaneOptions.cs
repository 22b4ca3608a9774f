using System.Net;

namespace CloudMesh.Proxy.DataPlane;

/// <summary>How the data plane binds its listeners and how long it waits for in-flight work.</summary>
public sealed class DataPlaneOptions
{
    /// <summary>
    /// xDS listener port → port actually bound (e.g. 15000 → 25000), so several sidecars can share one host in tests.
    /// Ports not listed are bound as configured.
    /// </summary>
    public IDictionary<int, int> ListenerPortMap { get; init; } = new Dictionary<int, int>();

    /// <summary>An address to bind every listener to instead of the one in its xDS resource (tests use 127.0.0.1).</summary>
    public IPAddress? BindAddress { get; init; }

    /// <summary>How long stopping (or removing a listener) waits for in-flight requests and connections.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most request body bytes kept so a request can be retried; a request whose body grows beyond it is not
    /// retried (Envoy's per-connection buffer limit plays this role).
    /// </summary>
    public int RetryBufferLimit { get; init; } = 1024 * 1024;

    /// <summary>How long to wait for a client's first bytes when a listener must tell HTTP from other protocols.</summary>
    public TimeSpan ProtocolSniffTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
