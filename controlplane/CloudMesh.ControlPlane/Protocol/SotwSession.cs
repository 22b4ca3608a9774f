using CloudMesh.ControlPlane.Resources;
using CloudMesh.Xds;
using Envoy.Service.Discovery.V3;

namespace CloudMesh.ControlPlane.Protocol;

/// <summary>
/// The state-of-the-world ADS protocol for one stream (StreamAggregatedResources), without I/O: requests and
/// snapshot changes go in, the responses to write come out, in order. Not thread-safe: one stream drives it;
/// <see cref="Status"/> may be read from any thread.
/// </summary>
/// <remarks>
/// <para>Versions are content hashes of exactly the resources in a response, so "nothing changed for this client"
/// is a string comparison, and a client reconnecting with the version it already has is not sent it again.</para>
/// <para>A request whose response_nonce is not the latest one sent for its type is stale and ignored (the client
/// will answer the newer response). A NACK keeps the last ACKed state; the rejected version counts as sent, so
/// it is not pushed again until the configuration changes.</para>
/// <para>Make-before-break: a snapshot change is pushed CDS, EDS, LDS, RDS; clusters the new snapshot drops are
/// kept in CDS responses until the listeners and routes of that change are ACKed (or the next change).</para>
/// </remarks>
public sealed class SotwSession : IXdsSession<DiscoveryRequest, DiscoveryResponse>
{
    private readonly XdsSessionCore<SotwTypeState> _core;

    // Make-before-break: clusters kept after the snapshot dropped them, until the core's gate opens.
    private IReadOnlyList<XdsResource> _retainedClusters = [];

    /// <summary>Starts a session that serves <paramref name="snapshot"/>.</summary>
    public SotwSession(ProxySnapshot snapshot, XdsSessionOptions options)
    {
        _core = new XdsSessionCore<SotwTypeState>(snapshot, options, typeUrl => new SotwTypeState(typeUrl));
    }

    /// <summary>The snapshot the session currently serves.</summary>
    public ProxySnapshot Snapshot => _core.Snapshot;

    /// <summary>Per-type state for operators, in push order; safe to read from any thread.</summary>
    public IReadOnlyList<XdsTypeStatus> Status => _core.Status;

    /// <summary>Clusters currently kept for make-before-break (diagnostics and tests).</summary>
    public IReadOnlyList<string> RetainedClusterNames => [.. _retainedClusters.Select(c => c.Name)];

    /// <summary>Processes one request and returns the responses to send, in order.</summary>
    /// <exception cref="XdsProtocolException">The request has no type_url.</exception>
    public IReadOnlyList<DiscoveryResponse> HandleRequest(DiscoveryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        SotwTypeState state = _core.StateFor(request.TypeUrl, nameof(DiscoveryRequest));
        var responses = new List<DiscoveryResponse>(1);
        string nonce = request.ResponseNonce;

        // A nonce that is not our latest answers a response the client has since been sent a newer one of.
        // (A nonce on a type we never answered on this stream can only come from an earlier stream: not stale.)
        if (nonce.Length > 0 && state.SentNonce is not null && nonce != state.SentNonce)
        {
            return responses;
        }

        bool answersLatest = nonce.Length > 0 && nonce == state.SentNonce;
        if (answersLatest)
        {
            _core.RecordAckOrNack(state, nonce, request.ErrorDetail, request.VersionInfo);
        }

        state.Subscription.Replace(request.ResourceNames);
        Selection selection = Select(state);
        if (state.SentNonce is null && request.VersionInfo.Length > 0 && request.VersionInfo == selection.Version)
        {
            // Reconnect: the client already holds exactly these resources (versions are content hashes, equal
            // on every replica), so resending them would only make every proxy re-apply its whole config.
            state.SentVersion = state.AckedVersion = selection.Version;
            state.SentItems = selection.Items;
            state.AckedGeneration = state.SentGeneration = _core.Generation;
        }
        else if (PushIfChanged(state, selection) is { } response)
        {
            responses.Add(response);
        }

        if (answersLatest)
        {
            ReleaseRetainedClustersIfDone(responses);
        }

        _core.PublishStatus();
        return responses;
    }

    /// <summary>Switches to <paramref name="snapshot"/> and returns the pushes it causes, CDS, EDS, LDS, RDS.</summary>
    public IReadOnlyList<DiscoveryResponse> HandleSnapshot(ProxySnapshot snapshot) =>
        _core.SwitchSnapshot(snapshot, PlanRetention, PushIfChanged);

    /// <summary>
    /// Decides, for a new snapshot, which clusters the client holds must outlive it: those it drops, when
    /// listeners or routes change too (a route may still point at them until the client has the new one).
    /// Anything kept for the previous change is let go now. State of the world has no removals to hold back:
    /// the dropped clusters themselves stay in the CDS set.
    /// </summary>
    private void PlanRetention()
    {
        var previouslyRetained = new HashSet<string>(_retainedClusters.Select(c => c.Name), StringComparer.Ordinal);
        _retainedClusters = [];
        _core.PlanHoldBack(
            wouldPush: s => Select(s).Version != s.SentVersion,
            holdBackDropped: () =>
            {
                if (!_core.TryGetState(XdsTypeUrls.Cluster, out SotwTypeState? clusters) || !clusters.IsActive)
                {
                    return false;
                }

                Selection next = Selection.Of(_core.Snapshot, XdsTypeUrls.Cluster, clusters.Subscription);
                var nextNames = new HashSet<string>(next.Items.Select(c => c.Name), StringComparer.Ordinal);
                List<XdsResource> dropped =
                    [.. clusters.SentItems.Where(c => !nextNames.Contains(c.Name) && !previouslyRetained.Contains(c.Name))];
                _retainedClusters = dropped;
                return dropped.Count > 0;
            });
    }

    /// <summary>Once the core's make-before-break gate opens, sends CDS without the retained clusters.</summary>
    private void ReleaseRetainedClustersIfDone(List<DiscoveryResponse> responses)
    {
        if (_retainedClusters.Count == 0 || !_core.TryEndHoldBack())
        {
            return;
        }

        _retainedClusters = [];
        if (_core.TryGetState(XdsTypeUrls.Cluster, out SotwTypeState? clusters) && PushIfChanged(clusters) is { } response)
        {
            responses.Add(response);
        }
    }

    private Selection Select(SotwTypeState state) =>
        Selection.Of(
            _core.Snapshot, state.TypeUrl, state.Subscription, state.TypeUrl == XdsTypeUrls.Cluster ? _retainedClusters : null);

    /// <summary>The whole set of <paramref name="state"/>'s type, when the client is subscribed and its version moved.</summary>
    private DiscoveryResponse? PushIfChanged(SotwTypeState state) => PushIfChanged(state, Select(state));

    private DiscoveryResponse? PushIfChanged(SotwTypeState state, Selection selection) =>
        state.IsActive && selection.Version != state.SentVersion ? Respond(state, selection) : null;

    private DiscoveryResponse Respond(SotwTypeState state, Selection selection)
    {
        var response = new DiscoveryResponse
        {
            VersionInfo = selection.Version,
            TypeUrl = state.TypeUrl,
            Nonce = _core.StampSent(state, selection.Version),
            ControlPlane = _core.ControlPlane,
        };
        foreach (XdsResource resource in selection.Items)
        {
            response.Resources.Add(resource.Payload);
        }

        state.SentItems = selection.Items;
        return response;
    }
}
