using System.Collections.Immutable;

namespace CloudMesh.Proxy.Xds.Tests.Support;

/// <summary>
/// A data plane that records every candidate it is handed and accepts it unless <see cref="RejectWhen"/> says why not.
/// Counts concurrent calls, which the client promises never happen.
/// </summary>
internal sealed class RecordingStateHandler : IXdsStateHandler
{
    private readonly object _gate = new();
    private ImmutableList<(string TypeUrl, XdsState Candidate, bool Accepted)> _calls = [];
    private int _inFlight;

    /// <summary>Returns a rejection detail for candidates the data plane should refuse; null accepts.</summary>
    public Func<XdsState, string?> RejectWhen { get; set; } = _ => null;

    /// <summary>The state last accepted (what the data plane serves).</summary>
    public XdsState Current { get; private set; } = XdsState.Empty;

    public ImmutableList<(string TypeUrl, XdsState Candidate, bool Accepted)> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls;
            }
        }
    }

    public int ConcurrentCalls { get; private set; }

    public int Applied => Calls.Count(c => c.Accepted);

    public async ValueTask<XdsApplyResult> ApplyAsync(XdsState candidate, string typeUrl, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _inFlight) > 1)
        {
            ConcurrentCalls++;
        }

        try
        {
            await Task.Yield();
            string? rejection = RejectWhen(candidate);
            lock (_gate)
            {
                _calls = _calls.Add((typeUrl, candidate, rejection is null));
                if (rejection is null)
                {
                    Current = candidate;
                }
            }

            return rejection is null ? XdsApplyResult.Accepted : XdsApplyResult.Rejected(rejection);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
