using CloudMesh.ControlPlane.Resources;
using CloudMesh.Xds;
using Envoy.Service.Discovery.V3;

namespace CloudMesh.ControlPlane.Protocol;

/// <summary>
/// The incremental ADS protocol for one stream (DeltaAggregatedResources), without I/O: requests and snapshot
/// changes go in, the responses to write come out, in order. Not thread-safe: one stream drives it;
/// <see cref="Status"/> may be read from any thread.
/// </summary>
/// <remarks>
/// <para>Each resource's version is a hash of its bytes. The session tracks what the client holds (seeded from
/// initial_resource_versions on reconnect) and sends only resources whose version differs, plus
/// removed_resources for names it holds that are gone and for subscribed names that do not exist.</para>
/// <para>Subscription changes are honoured even when the request's nonce is stale; the nonce only pairs an
/// ACK/NACK with a response. A NACK is recorded; what was sent still counts as held, so the same version is not
/// pushed again in a loop.</para>
/// <para>Make-before-break as in <see cref="SotwSession"/>: pushes go CDS, EDS, LDS, RDS, and removals of clusters
/// and endpoints are held back until the listeners and routes of the same change are ACKed (or the next change).</para>
/// </remarks>
public sealed class DeltaSession : IXdsSession<DeltaDiscoveryRequest, DeltaDiscoveryResponse>
{
    private static readonly string[] DeferrableTypes = [XdsTypeUrls.Cluster, XdsTypeUrls.ClusterLoadAssignment];

    private readonly XdsSessionCore<DeltaTypeState> _core;

    /// <summary>Starts a session that serves <paramref name="snapshot"/>.</summary>
    public DeltaSession(ProxySnapshot snapshot, XdsSessionOptions options)
    {
        _core = new XdsSessionCore<DeltaTypeState>(snapshot, options, typeUrl => new DeltaTypeState(typeUrl));
    }

    /// <summary>The snapshot the session currently serves.</summary>
    public ProxySnapshot Snapshot => _core.Snapshot;

    /// <summary>Per-type state for operators, in push order; safe to read from any thread.</summary>
    public IReadOnlyList<XdsTypeStatus> Status => _core.Status;

    /// <summary>Names whose removal is held back for make-before-break, per type (diagnostics and tests).</summary>
    public IReadOnlyList<string> DeferredRemovals(string typeUrl) =>
        _core.TryGetState(typeUrl, out DeltaTypeState? state) ? [.. state.DeferredRemovals.Order(StringComparer.Ordinal)] : [];

    /// <summary>Processes one request and returns the responses to send, in order.</summary>
    /// <exception cref="XdsProtocolException">The request has no type_url.</exception>
    public IReadOnlyList<DeltaDiscoveryResponse> HandleRequest(DeltaDiscoveryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        DeltaTypeState state = _core.StateFor(request.TypeUrl, nameof(DeltaDiscoveryRequest));
        var responses = new List<DeltaDiscoveryResponse>(1);
        bool first = !state.SeenRequest;
        state.SeenRequest = true;

        bool answersLatest = request.ResponseNonce.Length > 0 && request.ResponseNonce == state.SentNonce;
        if (answersLatest)
        {
            // Delta requests carry no version: the one the client still uses is its last accepted one.
            _core.RecordAckOrNack(state, request.ResponseNonce, request.ErrorDetail, state.AckedVersion ?? "");
        }

        ApplySubscriptionChanges(state, request, first);

        DeltaDiff diff = Diff(state, honourDeferrals: true);
        if (!diff.IsEmpty)
        {
            responses.Add(Respond(state, diff));
        }
        else if (first && request.InitialResourceVersions.Count == 0 && !state.Subscription.IsEmpty)
        {
            // A new client waits for a first answer before it finishes initialising, even when there is nothing
            // to send (e.g. a node not declared yet); a reconnecting one that is up to date does not.
            responses.Add(Respond(state, diff));
        }

        if (answersLatest)
        {
            ReleaseDeferredRemovalsIfDone(responses);
        }

        _core.PublishStatus();
        return responses;
    }

    /// <summary>Switches to <paramref name="snapshot"/> and returns the pushes it causes, CDS, EDS, LDS, RDS.</summary>
    public IReadOnlyList<DeltaDiscoveryResponse> HandleSnapshot(ProxySnapshot snapshot) =>
        _core.SwitchSnapshot(snapshot, PlanDeferrals, PushIfChanged);

    private void ApplySubscriptionChanges(DeltaTypeState state, DeltaDiscoveryRequest request, bool first)
    {
        DeltaSubscriptionChange change = state.Subscription.Apply(
            request.ResourceNamesSubscribe, request.ResourceNamesUnsubscribe, first);
        Dictionary<string, string?> held = state.ClientVersions;
        if (first)
        {
            foreach (KeyValuePair<string, string> known in request.InitialResourceVersions)
            {
                held[known.Key] = known.Value;
            }
        }
        else
        {
            // The protocol: a (re)subscribed resource must be sent even if the client seems to hold it.
            foreach (string name in change.Subscribed)
            {
                held.Remove(name);
            }
        }

        foreach (string name in change.Unsubscribed)
        {
            if (!state.Subscription.IsWildcard)
            {
                held.Remove(name);
            }
            else if (_core.Snapshot.InWildcard(state.TypeUrl, name))
            {
                // Still covered by the wildcard: resend it so the client knows to keep it.
                held.Remove(name);
            }
            else
            {
                // Not covered by the wildcard: the client cannot tell, so it must get an explicit removal.
                held[name] = DeltaTypeState.MustResolve;
            }
        }

        if (change.WildcardDropped)
        {
            foreach (string name in held.Keys.Where(n => !state.Subscription.Names.Contains(n)).ToList())
            {
                held.Remove(name);
            }
        }
    }

    private DeltaDiff Diff(DeltaTypeState state, bool honourDeferrals)
    {
        Subscription subscription = state.Subscription;
        Dictionary<string, string?> held = state.ClientVersions;
        string typeUrl = state.TypeUrl;
        var updates = new List<XdsResource>();
        var removals = new List<string>();
        bool Deferred(string name) => honourDeferrals && state.DeferredRemovals.Contains(name);

        if (subscription.IsWildcard)
        {
            foreach (XdsResource resource in _core.Snapshot.Wildcard(typeUrl))
            {
                if (!held.TryGetValue(resource.Name, out string? version) || version != resource.Version)
                {
                    updates.Add(resource);
                }
            }
        }

        foreach (string name in subscription.Names)
        {
            if (subscription.IsWildcard && _core.Snapshot.InWildcard(typeUrl, name))
            {
                continue;
            }

            bool isHeld = held.TryGetValue(name, out string? version);
            if (_core.Snapshot.Find(typeUrl, name) is { } resource)
            {
                if (version != resource.Version)
                {
                    updates.Add(resource);
                }
            }
            else if ((!isHeld || version is not null) && !Deferred(name))
            {
                // Gone, or never existed and the client was not told yet.
                removals.Add(name);
            }
        }

        foreach ((string name, string? version) in held)
        {
            if (version is not null
                && !subscription.Names.Contains(name)
                && !(subscription.IsWildcard && _core.Snapshot.InWildcard(typeUrl, name))
                && !Deferred(name))
            {
                removals.Add(name);
            }
        }

        updates.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        removals.Sort(StringComparer.Ordinal);
        string systemVersion = Selection.Of(_core.Snapshot, typeUrl, subscription).Version;
        return new DeltaDiff(updates, removals, systemVersion);
    }

    /// <summary>
    /// For a new snapshot: if listeners or routes change, removals of clusters and endpoints the client holds are
    /// held back until those are ACKed. Removals held back for the previous change go out now. Unlike state of
    /// the world, nothing is resent: the client simply is not told yet that the resources are gone.
    /// </summary>
    private void PlanDeferrals()
    {
        var previouslyDeferred = new List<(DeltaTypeState State, HashSet<string> Before)>(DeferrableTypes.Length);
        foreach (string typeUrl in DeferrableTypes)
        {
            if (_core.TryGetState(typeUrl, out DeltaTypeState? state))
            {
                previouslyDeferred.Add((state, state.DeferredRemovals));
                state.DeferredRemovals = new HashSet<string>(StringComparer.Ordinal);
            }
        }

        _core.PlanHoldBack(
            wouldPush: s => !Diff(s, honourDeferrals: false).IsEmpty,
            holdBackDropped: () =>
            {
                bool anyDeferred = false;
                foreach ((DeltaTypeState state, HashSet<string> before) in previouslyDeferred)
                {
                    foreach (string name in Diff(state, honourDeferrals: false).Removals)
                    {
                        if (state.ClientVersions.GetValueOrDefault(name) is not null && !before.Contains(name))
                        {
                            state.DeferredRemovals.Add(name);
                            anyDeferred = true;
                        }
                    }
                }

                return anyDeferred;
            });
    }

    /// <summary>Once the core's make-before-break gate opens, sends the removals held back.</summary>
    private void ReleaseDeferredRemovalsIfDone(List<DeltaDiscoveryResponse> responses)
    {
        if (!DeferrableTypes.Any(t => _core.TryGetState(t, out DeltaTypeState? s) && s.DeferredRemovals.Count > 0)
            || !_core.TryEndHoldBack())
        {
            return;
        }

        foreach (string typeUrl in DeferrableTypes)
        {
            if (_core.TryGetState(typeUrl, out DeltaTypeState? state) && state.DeferredRemovals.Count > 0)
            {
                state.DeferredRemovals.Clear();
                DeltaDiff diff = Diff(state, honourDeferrals: true);
                if (!diff.IsEmpty)
                {
                    responses.Add(Respond(state, diff));
                }
            }
        }
    }

    /// <summary>What the client lacks of <paramref name="state"/>'s type, when there is anything.</summary>
    private DeltaDiscoveryResponse? PushIfChanged(DeltaTypeState state)
    {
        DeltaDiff diff = Diff(state, honourDeferrals: true);
        return diff.IsEmpty ? null : Respond(state, diff);
    }

    private DeltaDiscoveryResponse Respond(DeltaTypeState state, DeltaDiff diff)
    {
        var response = new DeltaDiscoveryResponse
        {
            SystemVersionInfo = diff.SystemVersion,
            TypeUrl = state.TypeUrl,
            Nonce = _core.StampSent(state, diff.SystemVersion),
            ControlPlane = _core.ControlPlane,
        };
        foreach (XdsResource resource in diff.Updates)
        {
            response.Resources.Add(resource.DeltaResource);
            state.ClientVersions[resource.Name] = resource.Version;
        }

        foreach (string name in diff.Removals)
        {
            response.RemovedResources.Add(name);
            if (state.Subscription.Names.Contains(name))
            {
                state.ClientVersions[name] = null;
            }
            else
            {
                state.ClientVersions.Remove(name);
            }
        }

        return response;
    }
}
