using CloudMesh.Proxy.Xds;

namespace CloudMesh.Proxy.Hosting;

/// <summary>
/// Sits between the xDS client and the data plane and remembers the last state the data plane accepted: what the
/// admin port's <c>/config_dump</c> shows (Envoy dumps what it runs, not what it was last offered).
/// </summary>
internal sealed class AcceptedStateRecorder(IXdsStateHandler inner) : IXdsStateHandler
{
    private volatile XdsState _current = XdsState.Empty;

    /// <summary>The state in use.</summary>
    public XdsState Current => _current;

    /// <inheritdoc />
    public async ValueTask<XdsApplyResult> ApplyAsync(XdsState candidate, string typeUrl, CancellationToken cancellationToken)
    {
        var result = await inner.ApplyAsync(candidate, typeUrl, cancellationToken).ConfigureAwait(false);
        if (result.IsAccepted)
        {
            _current = candidate;
        }

        return result;
    }
}
