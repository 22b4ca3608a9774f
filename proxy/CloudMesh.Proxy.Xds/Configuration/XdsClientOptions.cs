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
    /// Signs every ADS call with SigV4 (as App Mesh's Envoy does) on top of <see cref="CallMetadata"/>; null: unsigned.
    /// </summary>
    public XdsCallSigner? Signer { get; init; }

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

    /// <summary>The metadata for a new call of <paramref name="methodPath"/>: <see cref="CallMetadata"/>, signed when a <see cref="Signer"/> is set.</summary>
    internal Metadata MetadataFor(string methodPath)
    {
        if (Signer is null)
        {
            return CallMetadata;
        }

        var metadata = new Metadata();
        foreach (Metadata.Entry entry in CallMetadata)
        {
            metadata.Add(entry);
        }

        foreach (Metadata.Entry entry in Signer.Sign(ControlPlaneAddress, methodPath))
        {
            metadata.Add(entry);
        }

        return metadata;
    }
}
