using Node = Envoy.Config.Core.V3.Node;
using Metadata = Grpc.Core.Metadata;

namespace CloudMesh.Proxy.Xds.Configuration;

/// <summary>How the proxy reaches the control plane and what it says about itself.</summary>
public sealed class XdsClientOptions
{
    /// <summary>The control plane's ADS address: <c>http://</c> for h2c, <c>https://</c> for TLS.</summary>
    public required Uri ControlPlaneAddress { get; init; }

    /// <summary>
    /// The Envoy node sent on the first request of every stream; its id (the resource ARN or
    /// <c>mesh/&lt;mesh&gt;/virtualNode/&lt;name&gt;</c>) selects the configuration. See <see cref="XdsNodeFactory"/>.
    /// </summary>
    public required Node Node { get; init; }

    /// <summary>
    /// Metadata sent with every ADS call, e.g. <c>authorization: Bearer &lt;xDS token&gt;</c>
    /// (<see cref="WithBearerToken"/>). Empty by default (then the control plane may take a token from node metadata).
    /// </summary>
    public Metadata CallMetadata { get; init; } = [];

    /// <summary>
    /// Where the last accepted state is written after every change (temp file + rename) and read back on start, so
    /// a restart without a control plane still serves. Null: nothing is persisted.
    /// </summary>
    public string? StatePath { get; init; }

    /// <summary>The first reconnect delay after a failed stream (default 500 ms); it doubles per failure, with jitter.</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The largest reconnect delay (default 30 s).</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>HTTP/2 keepalive ping interval on the ADS connection, to notice a vanished control plane (default 30 s).</summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a keepalive ping may go unanswered before the connection is dropped (default 10 s).</summary>
    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest discovery response accepted (default 64 MB: a gateway's whole mesh can be large).</summary>
    public int MaxReceiveMessageSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// A handler for the ADS connection (e.g. with custom TLS validation). Null: a SocketsHttpHandler with the
    /// keepalive settings above. The client does not dispose a handler given here.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Adds <c>authorization: Bearer <paramref name="token"/></c> to <see cref="CallMetadata"/>; returns this.</summary>
    public XdsClientOptions WithBearerToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        CallMetadata.Add("authorization", $"Bearer {token}");
        return this;
    }

    /// <summary>
    /// Options from the sidecar's environment: <c>CLOUDMESH_XDS_URL</c> (the control plane's ADS address, required),
    /// <c>CLOUDMESH_XDS_TOKEN</c> (a tenant-scoped xDS token, sent as a bearer token), <c>CLOUDMESH_XDS_STATE_PATH</c>
    /// (persisted state), and the node from <see cref="XdsNodeFactory.FromEnvironment"/>.
    /// </summary>
    /// <param name="environment">Reads a variable; null: the process environment.</param>
    /// <exception cref="InvalidOperationException">A required variable is missing or malformed.</exception>
    public static XdsClientOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string url = XdsNodeFactory.NonEmpty(environment("CLOUDMESH_XDS_URL"))
            ?? throw new InvalidOperationException("Set CLOUDMESH_XDS_URL to the control plane's ADS address (http://host:port for h2c, https:// for TLS).");
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? address) || address.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"CLOUDMESH_XDS_URL '{url}' is not an http:// or https:// address.");
        }

        var options = new XdsClientOptions
        {
            ControlPlaneAddress = address,
            Node = XdsNodeFactory.FromEnvironment(environment),
            StatePath = XdsNodeFactory.NonEmpty(environment("CLOUDMESH_XDS_STATE_PATH")),
        };
        return XdsNodeFactory.NonEmpty(environment("CLOUDMESH_XDS_TOKEN")) is { } token ? options.WithBearerToken(token) : options;
    }
}
