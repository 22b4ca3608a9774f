namespace CloudMesh.Proxy.Xds.Status;

/// <summary>Publishes <see cref="XdsClientStatus"/> snapshots; one writer (the client loop), any number of readers.</summary>
internal sealed class XdsStatusTracker(TimeProvider timeProvider)
{
    private readonly object _gate = new();
    private volatile XdsClientStatus _current = XdsClientStatus.Initial;

    public XdsClientStatus Current => _current;

    public DateTimeOffset Now => timeProvider.GetUtcNow();

    public void Update(Func<XdsClientStatus, XdsClientStatus> change)
    {
        lock (_gate)
        {
            _current = change(_current);
        }
    }

    public void Accepted(string typeUrl, string version, int resourceCount) => Update(s => s with
    {
        Ready = true,
        RestoredFromFile = false,
        Accepted = s.Accepted.SetItem(typeUrl, new XdsAcceptedVersion(typeUrl, version, Now, resourceCount)),
    });

    public void Rejected(string typeUrl, string version, string nonce, string detail) =>
        Update(s => s with { LastRejection = new XdsRejection(typeUrl, version, nonce, detail, Now) });

    public void Connected() => Update(s => s with { Connected = true });

    public void StreamOpened(XdsProtocolMode mode) =>
        Update(s => s with { Mode = mode, ConnectedSince = Now, StreamsOpened = s.StreamsOpened + 1 });

    public void Disconnected(string? error) => Update(s => s with
    {
        Connected = false,
        ConnectedSince = null,
        LastConnectionError = error ?? s.LastConnectionError,
        LastConnectionErrorAt = error is null ? s.LastConnectionErrorAt : Now,
    });
}
