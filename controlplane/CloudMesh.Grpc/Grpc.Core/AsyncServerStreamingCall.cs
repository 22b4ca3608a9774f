namespace Grpc.Core;

/// <summary>A server-streaming call in progress. Disposing an unfinished call cancels it.</summary>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
{
    private readonly AsyncCallState _callState;

    /// <summary>Creates the call object.</summary>
    public AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatusFunc, Func<Metadata> getTrailersFunc, Action disposeAction)
    {
        ResponseStream = responseStream;
        _callState = new AsyncCallState(responseHeadersAsync, getStatusFunc, getTrailersFunc, disposeAction);
    }

    /// <summary>Creates the call object with state passed to the delegates.</summary>
    public AsyncServerStreamingCall(
        IAsyncStreamReader<TResponse> responseStream,
        Func<object, Task<Metadata>> responseHeadersAsync,
        Func<object, Status> getStatusFunc,
        Func<object, Metadata> getTrailersFunc,
        Action<object> disposeAction,
        object state)
    {
        ResponseStream = responseStream;
        _callState = new AsyncCallState(responseHeadersAsync, getStatusFunc, getTrailersFunc, disposeAction, state);
    }

    /// <summary>The responses; <c>MoveNext</c> throws <see cref="RpcException"/> when the call fails.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>The response headers.</summary>
    public Task<Metadata> ResponseHeadersAsync => _callState.ResponseHeadersAsync();

    /// <summary>The call's status; throws <see cref="InvalidOperationException"/> before the call ends.</summary>
    public Status GetStatus() => _callState.GetStatus();

    /// <summary>The call's trailers; throws <see cref="InvalidOperationException"/> before the call ends.</summary>
    public Metadata GetTrailers() => _callState.GetTrailers();

    /// <summary>Cancels the call if it has not ended and releases its resources.</summary>
    public void Dispose() => _callState.Dispose();
}
