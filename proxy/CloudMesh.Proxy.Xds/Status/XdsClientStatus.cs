using System.Collections.Immutable;

namespace CloudMesh.Proxy.Xds.Status;

/// <summary>
/// What operators see of the xDS client at one moment (the admin port's <c>/config_dump</c> and <c>/ready</c>).
/// Immutable: the client publishes a new one on every change.
/// </summary>
/// <param name="Connected">True while an ADS stream is open: its first requests went out and the server has not ended it.</param>
/// <param name="Mode">The ADS method in use (or to be tried next).</param>
/// <param name="ConnectedSince">When the current stream opened; null when disconnected.</param>
/// <param name="Ready">True once the data plane has accepted any state (from the control plane or the persisted file).</param>
/// <param name="RestoredFromFile">True when the state in use came from the persisted file and no response has been accepted since.</param>
/// <param name="Accepted">Per type URL, the last accepted response.</param>
/// <param name="LastRejection">The latest NACK, kept after later ACKs.</param>
/// <param name="LastConnectionError">Why the latest stream failed or could not open; null if none has.</param>
/// <param name="LastConnectionErrorAt">When that was.</param>
/// <param name="StreamsOpened">How many ADS streams were opened since start.</param>
public sealed record XdsClientStatus(
    bool Connected,
    XdsProtocolMode Mode,
    DateTimeOffset? ConnectedSince,
    bool Ready,
    bool RestoredFromFile,
    ImmutableDictionary<string, XdsAcceptedVersion> Accepted,
    XdsRejection? LastRejection,
    string? LastConnectionError,
    DateTimeOffset? LastConnectionErrorAt,
    int StreamsOpened)
{
    /// <summary>Before <see cref="XdsClient.RunAsync"/>: nothing known yet.</summary>
    public static XdsClientStatus Initial { get; } = new(
        false, XdsProtocolMode.Delta, null, false, false,
        ImmutableDictionary.Create<string, XdsAcceptedVersion>(StringComparer.Ordinal), null, null, null, 0);
}
