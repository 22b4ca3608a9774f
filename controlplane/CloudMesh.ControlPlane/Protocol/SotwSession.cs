using CloudMesh.ControlPlane.Resources;
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
    private readonly XdsSessionOptions _options;
    private readonly NonceSource _nonces = new();
    private readonly Dictionary<string, SotwTypeState> _types = new(StringComparer.Ordinal);
    private volatile ProxySnapshot _snapshot;
    private long _generation;
    private volatile IReadOnlyList<XdsTypeStatus> _status = [];

    // Make-before-break: clusters kept after the snapshot dropped them, until the types in _waitFor ACK a
    // response from generation _retentionGeneration or later.
    private IReadOnlyList<XdsResource> _retainedClusters = [];
    private long _retentionGeneration;
    private string[] _waitFor = [];

    /// <summary>Starts a session that serves <paramref name="snapshot"/>.</summary>
    public SotwSession(ProxySnapshot snapshot, XdsSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        _snapshot = snapshot;
        _options = options;
    }

    /// <summary>The snapshot the session currently serves.</summary>
    public ProxySnapshot Snapshot => _snapshot;

    /// <summary>Per-type state for operators, in push order; safe to read from any thread.</summary>
    public IReadOnlyList<XdsTypeStatus> Status => _status;

    /// <summary>Clusters currently kept for make-before-break (diagnostics and tests).</summary>
    public IReadOnlyList<string> RetainedClusterNames => [.. _retainedClusters.Select(c => c.Name)];

    /// <summary>Processes one request and returns the responses to send, in order.</summary>
    /// <exception cref="XdsProtocolException">The request has no type_url.</exception>
    public IReadOnlyList<DiscoveryResponse> HandleRequest(DiscoveryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.TypeUrl))
        {
            throw new XdsProtocolException("DiscoveryRequest.type_url is required on an aggregated (ADS) stream.");
        }

        SotwTypeState state = GetOrAddState(request.TypeUrl);
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
            RecordAckOrNack(state, request);
        }

        state.Subscription.Replace(request.ResourceNames);
        Selection selection = Select(state);
        if (state.SentNonce is null && request.VersionInfo.Length > 0 && request.VersionInfo == selection.Version)
        {
            // Reconnect: the client already holds exactly these resources (versions are content hashes, equal
            // on every replica), so resending them would only make every proxy re-apply its whole config.
            state.SentVersion = state.AckedVersion = selection.Version;
            state.SentItems = selection.Items;
            state.AckedGeneration = state.SentGeneration = _generation;
        }
        else if (!state.Subscription.IsEmpty && selection.Version != state.SentVersion)
        {
            responses.Add(Respond(state, selection));
        }

        if (answersLatest)
        {
            ReleaseRetainedClustersIfDone(responses);
        }

        PublishStatus();
        return responses;
    }

    /// <summary>Switches to <paramref name="snapshot"/> and returns the pushes it causes, CDS, EDS, LDS, RDS.</summary>
    public IReadOnlyList<DiscoveryResponse> HandleSnapshot(ProxySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var responses = new List<DiscoveryResponse>();
        if (ReferenceEquals(snapshot, _snapshot) || snapshot.Version == _snapshot.Version)
        {
            return responses;
        }

        _snapshot = snapshot;
        _generation++;
        PlanRetention();
        foreach (string typeUrl in XdsTypeUrls.PushOrder)
        {
            if (_types.TryGetValue(typeUrl, out SotwTypeState? state) && !state.Subscription.IsEmpty)
            {
                Selection selection = Select(state);
                if (selection.Version != state.SentVersion)
                {
                    responses.Add(Respond(state, selection));
                }
            }
        }

        PublishStatus();
        return responses;
    }

    private void RecordAckOrNack(SotwTypeState state, DiscoveryRequest request)
    {
        if (request.ErrorDetail is { } error)
        {
            var nack = new NackRecord(
                state.TypeUrl, state.SentVersion, request.VersionInfo, request.ResponseNonce, error.Code, error.Message,
                _options.TimeProvider.GetUtcNow());
            state.LastNack = nack;
            _options.Observer?.OnNack(nack);
            return;
        }

        state.AckedVersion = state.SentVersion;
        state.AckedNonce = state.SentNonce;
        state.AckedGeneration = state.SentGeneration;
        _options.Observer?.OnAck(state.TypeUrl, state.AckedVersion);
    }

    /// <summary>
    /// Decides, for a new snapshot, which clusters the client holds must outlive it: those it drops, when
    /// listeners or routes change too (a route may still point at them until the client has the new one).
    /// Anything kept for the previous change is let go now.
    /// </summary>
    private void PlanRetention()
    {
        var previouslyRetained = new HashSet<string>(_retainedClusters.Select(c => c.Name), StringComparer.Ordinal);
        _retainedClusters = [];
        _waitFor = [];
        if (!_types.TryGetValue(XdsTypeUrls.Cluster, out SotwTypeState? clusters) || clusters.Subscription.IsEmpty)
        {
            return;
        }

        string[] changing = [.. new[] { XdsTypeUrls.Listener, XdsTypeUrls.RouteConfiguration }
            .Where(t => _types.TryGetValue(t, out SotwTypeState? s) && !s.Subscription.IsEmpty && Select(s).Version != s.SentVersion)];
        if (changing.Length == 0)
        {
            return;
        }

        Selection next = Selection.Of(_snapshot, XdsTypeUrls.Cluster, clusters.Subscription);
        var nextNames = new HashSet<string>(next.Items.Select(c => c.Name), StringComparer.Ordinal);
        List<XdsResource> dropped =
            [.. clusters.SentItems.Where(c => !nextNames.Contains(c.Name) && !previouslyRetained.Contains(c.Name))];
        if (dropped.Count > 0)
        {
            _retainedClusters = dropped;
            _retentionGeneration = _generation;
            _waitFor = changing;
        }
    }

    /// <summary>
    /// Once listeners and routes from the retaining change are ACKed and nothing newer for them is outstanding,
    /// sends CDS without the retained clusters.
    /// </summary>
    private void ReleaseRetainedClustersIfDone(List<DiscoveryResponse> responses)
    {
        if (_retainedClusters.Count == 0)
        {
            return;
        }

        foreach (string typeUrl in (string[])[XdsTypeUrls.Listener, XdsTypeUrls.RouteConfiguration])
        {
            if (_types.TryGetValue(typeUrl, out SotwTypeState? state) && !state.Subscription.IsEmpty && !state.LatestAcked)
            {
                return;
            }
        }

        foreach (string typeUrl in _waitFor)
        {
            if (_types[typeUrl].AckedGeneration < _retentionGeneration)
            {
                return;
            }
        }

        _retainedClusters = [];
        _waitFor = [];
        SotwTypeState clusters = _types[XdsTypeUrls.Cluster];
        Selection selection = Select(clusters);
        if (!clusters.Subscription.IsEmpty && selection.Version != clusters.SentVersion)
        {
            responses.Add(Respond(clusters, selection));
        }
    }

    private Selection Select(SotwTypeState state) =>
        Selection.Of(
            _snapshot, state.TypeUrl, state.Subscription, state.TypeUrl == XdsTypeUrls.Cluster ? _retainedClusters : null);

    private DiscoveryResponse Respond(SotwTypeState state, Selection selection)
    {
        var response = new DiscoveryResponse
        {
            VersionInfo = selection.Version,
            TypeUrl = state.TypeUrl,
            Nonce = _nonces.Next(),
            ControlPlane = _options.ControlPlane,
        };
        foreach (XdsResource resource in selection.Items)
        {
            response.Resources.Add(resource.Payload);
        }

        state.SentVersion = selection.Version;
        state.SentNonce = response.Nonce;
        state.SentItems = selection.Items;
        state.SentGeneration = _generation;
        return response;
    }

    private SotwTypeState GetOrAddState(string typeUrl)
    {
        if (!_types.TryGetValue(typeUrl, out SotwTypeState? state))
        {
            state = new SotwTypeState(typeUrl);
            _types.Add(typeUrl, state);
        }

        return state;
    }

    private void PublishStatus() => _status = StatusOrder.Sort(_types.Values.Select(s => s.ToStatus()));
}
