namespace CloudMesh.Proxy.Xds;

/// <summary>
/// What the xDS client hands each candidate state to: the data plane. The client calls it once per discovery
/// response (and once at start-up with a persisted last good state), never concurrently, and ACKs or NACKs that
/// response with the answer.
/// </summary>
public interface IXdsStateHandler
{
    /// <summary>
    /// Validates and applies <paramref name="candidate"/>: the last accepted state with one response's resources of
    /// <paramref name="typeUrl"/> added, replaced or removed. Accepting makes it the current state (ACK); rejecting
    /// leaves the data plane on the previous state (NACK with the detail). A listener that names a route
    /// configuration or a cluster not received yet is not an error: it waits (warms) until it arrives, as in Envoy.
    /// </summary>
    /// <param name="candidate">The whole state the proxy would hold.</param>
    /// <param name="typeUrl">The type URL of the response that produced it (empty for a restored state).</param>
    /// <param name="cancellationToken">Cancelled when the proxy stops.</param>
    ValueTask<XdsApplyResult> ApplyAsync(XdsState candidate, string typeUrl, CancellationToken cancellationToken);
}

/// <summary>The answer to one candidate state: accepted, or rejected with a detail for the NACK's error_detail.</summary>
/// <param name="ErrorDetail">Null when accepted; otherwise what was wrong, naming the resource.</param>
public readonly record struct XdsApplyResult(string? ErrorDetail)
{
    /// <summary>The candidate was applied.</summary>
    public static XdsApplyResult Accepted => default;

    /// <summary>True when the candidate was applied.</summary>
    public bool IsAccepted => ErrorDetail is null;

    /// <summary>The candidate was not applied; <paramref name="detail"/> says why.</summary>
    public static XdsApplyResult Rejected(string detail) => new(detail);
}
