namespace Grpc.Core;

/// <summary>
/// The status, trailers, headers and disposal of a client call, as the call objects expose them. Stores
/// state-taking delegates so a transport can pass static lambdas and its call object (no closure per call).
/// </summary>
internal readonly struct AsyncCallState
{
    private readonly Func<object, Task<Metadata>> _responseHeadersAsync;
    private readonly Func<object, Status> _getStatusFunc;
    private readonly Func<object, Metadata> _getTrailersFunc;
    private readonly Action<object> _disposeAction;
    private readonly object _state;

    public AsyncCallState(Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction)
        : this(
            static s => ((Delegates)s).Headers,
            static s => ((Delegates)s).GetStatus(),
            static s => ((Delegates)s).GetTrailers(),
            static s => ((Delegates)s).Dispose(),
            new Delegates(responseHeadersAsync, getStatusFunc, getTrailersFunc, disposeAction))
    {
    }

    public AsyncCallState(
        Func<object, Task<Metadata>> responseHeadersAsync,
        Func<object, Status> getStatusFunc,
        Func<object, Metadata> getTrailersFunc,
        Action<object> disposeAction,
        object state)
    {
        _responseHeadersAsync = responseHeadersAsync;
        _getStatusFunc = getStatusFunc;
        _getTrailersFunc = getTrailersFunc;
        _disposeAction = disposeAction;
        _state = state;
    }

    public Task<Metadata> ResponseHeadersAsync() => _responseHeadersAsync(_state);

    public Status GetStatus() => _getStatusFunc(_state);

    public Metadata GetTrailers() => _getTrailersFunc(_state);

    public void Dispose() => _disposeAction(_state);

    private sealed record Delegates(Task<Metadata> Headers, Func<Status> GetStatus, Func<Metadata> GetTrailers, Action Dispose);
}
