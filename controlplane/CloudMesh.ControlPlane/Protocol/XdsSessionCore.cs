using System.Diagnostics.CodeAnalysis;
using CloudMesh.ControlPlane.Resources;
using CloudMesh.Xds;
using CoreControlPlane = Envoy.Config.Core.V3.ControlPlane;
using RpcStatus = Google.Rpc.Status;

namespace CloudMesh.ControlPlane.Protocol;

/// <summary>
/// What the state-of-the-world and incremental sessions do alike, so both follow one set of rules: per-type state,
/// snapshot switching and push order, ACK/NACK bookkeeping, response stamping, status publishing, and the gate of
/// make-before-break (hold back what a change drops until the listeners and routes of that change are ACKed).
/// What each protocol sends, and what it holds back, stays in the session. Not thread-safe, like the sessions;
/// <see cref="Snapshot"/> and <see cref="Status"/> may be read from any thread.
/// </summary>
/// <typeparam name="TState">The protocol's per-type state.</typeparam>
internal sealed class XdsSessionCore<TState>
    where TState : XdsTypeState
{
    /// <summary>The types whose resources name clusters and endpoints: held-back removals wait for these.</summary>
    private static readonly string[] ReferencingTypes = [XdsTypeUrls.Listener, XdsTypeUrls.RouteConfiguration];

    private readonly XdsSessionOptions _options;
    private readonly Func<string, TState> _createState;
    private readonly NonceSource _nonces = new();
    private readonly Dictionary<string, TState> _types = new(StringComparer.Ordinal);
    private volatile ProxySnapshot _snapshot;
    private volatile IReadOnlyList<XdsTypeStatus> _status = [];

    // Make-before-break: what is held back is released once the types in _waitFor ACK a response from
    // generation _holdGeneration or later.
    private long _holdGeneration;
    private string[] _waitFor = [];

    public XdsSessionCore(ProxySnapshot snapshot, XdsSessionOptions options, Func<string, TState> createState)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        _snapshot = snapshot;
        _options = options;
        _createState = createState;
    }

    public ProxySnapshot Snapshot => _snapshot;

    public IReadOnlyList<XdsTypeStatus> Status => _status;

    /// <summary>How many snapshot switches this stream has seen; responses are stamped with it.</summary>
    public long Generation { get; private set; }

    public CoreControlPlane ControlPlane => _options.ControlPlane;

    /// <summary>The state of a request's type, created on first use.</summary>
    /// <exception cref="XdsProtocolException">The request has no type_url.</exception>
    public TState StateFor(string typeUrl, string requestMessage)
    {
        if (string.IsNullOrEmpty(typeUrl))
        {
            throw new XdsProtocolException($"{requestMessage}.type_url is required on an aggregated (ADS) stream.");
        }

        if (!_types.TryGetValue(typeUrl, out TState? state))
        {
            state = _createState(typeUrl);
            _types.Add(typeUrl, state);
        }

        return state;
    }

    public bool TryGetState(string typeUrl, [MaybeNullWhen(false)] out TState state) => _types.TryGetValue(typeUrl, out state);

    /// <summary>
    /// Records the client's answer to the latest response of <paramref name="state"/>: a NACK (error_detail set) is
    /// kept for operators and leaves the last ACKed state; an ACK moves it to what was sent.
    /// </summary>
    /// <param name="state">The type the request answers.</param>
    /// <param name="nonce">The request's response_nonce (the latest sent for the type).</param>
    /// <param name="error">The request's error_detail: null for an ACK.</param>
    /// <param name="clientVersion">The version the client says it still uses, as its protocol reports it.</param>
    public void RecordAckOrNack(TState state, string nonce, RpcStatus? error, string clientVersion)
    {
        if (error is not null)
        {
            var nack = new NackRecord(
                state.TypeUrl, state.SentVersion, clientVersion, nonce, error.Code, error.Message, _options.TimeProvider.GetUtcNow());
            state.LastNack = nack;
            _options.Observer?.OnNack(nack);
            return;
        }

        state.AckedVersion = state.SentVersion;
        state.AckedNonce = state.SentNonce;
        state.AckedGeneration = state.SentGeneration;
        _options.Observer?.OnAck(state.TypeUrl, state.AckedVersion);
    }

    /// <summary>Marks a response of <paramref name="version"/> as sent now and returns its fresh nonce.</summary>
    public string StampSent(TState state, string version)
    {
        string nonce = _nonces.Next();
        state.SentVersion = version;
        state.SentNonce = nonce;
        state.SentGeneration = Generation;
        return nonce;
    }

    /// <summary>
    /// Switches to <paramref name="snapshot"/> and returns the pushes it causes, CDS, EDS, LDS, RDS (nothing when
    /// its version is the one served). <paramref name="planHoldBack"/> runs first, against the new snapshot and
    /// what was sent so far; <paramref name="pushIfChanged"/> returns the response a type needs, or null.
    /// </summary>
    public IReadOnlyList<TResponse> SwitchSnapshot<TResponse>(
        ProxySnapshot snapshot, Action planHoldBack, Func<TState, TResponse?> pushIfChanged)
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var responses = new List<TResponse>();
        if (ReferenceEquals(snapshot, _snapshot) || snapshot.Version == _snapshot.Version)
        {
            return responses;
        }

        _snapshot = snapshot;
        Generation++;
        planHoldBack();
        foreach (string typeUrl in PushOrder.Types)
        {
            if (_types.TryGetValue(typeUrl, out TState? state) && state.IsActive && pushIfChanged(state) is { } response)
            {
                responses.Add(response);
            }
        }

        PublishStatus();
        return responses;
    }

    /// <summary>
    /// Make-before-break for a new snapshot: when listeners or routes change (<paramref name="wouldPush"/>),
    /// <paramref name="holdBackDropped"/> decides what of the clusters and endpoints the client holds must
    /// outlive the change and says whether there is any; if so, it is held until those listeners and routes are
    /// ACKed. Whatever was held for the previous change is the session's to let go before this runs.
    /// </summary>
    public void PlanHoldBack(Func<TState, bool> wouldPush, Func<bool> holdBackDropped)
    {
        _waitFor = [];
        string[] changing = [.. ReferencingTypes.Where(t => _types.TryGetValue(t, out TState? s) && s.IsActive && wouldPush(s))];
        if (changing.Length > 0 && holdBackDropped())
        {
            _waitFor = changing;
            _holdGeneration = Generation;
        }
    }

    /// <summary>
    /// True once the listeners and routes of the holding change are ACKed and nothing newer for them is
    /// outstanding; the gate is then reset, and the session releases what it held.
    /// </summary>
    public bool TryEndHoldBack()
    {
        foreach (string typeUrl in ReferencingTypes)
        {
            if (_types.TryGetValue(typeUrl, out TState? state) && state.IsActive && !state.LatestAcked)
            {
                return false;
            }
        }

        foreach (string typeUrl in _waitFor)
        {
            if (_types[typeUrl].AckedGeneration < _holdGeneration)
            {
                return false;
            }
        }

        _waitFor = [];
        return true;
    }

    public void PublishStatus() => _status = StatusOrder.Sort(_types.Values.Select(s => s.ToStatus()));
}
