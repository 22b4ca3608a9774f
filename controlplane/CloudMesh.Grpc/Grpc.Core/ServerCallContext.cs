namespace Grpc.Core;

/// <summary>
/// The server side of one call: its headers, deadline, cancellation, status and trailers. Each public member
/// forwards to a protected <c>*Core</c> member the hosting transport implements (test doubles can too).
/// </summary>
public abstract class ServerCallContext
{
    private Dictionary<object, object>? _userState;

    /// <summary>Creates a context.</summary>
    protected ServerCallContext()
    {
    }

    /// <summary>The called method's path, <c>/{service}/{method}</c>.</summary>
    public string Method => MethodCore;

    /// <summary>The host the client called (the <c>:authority</c>).</summary>
    public string Host => HostCore;

    /// <summary>The client's address, e.g. <c>ipv4:127.0.0.1:51234</c>.</summary>
    public string Peer => PeerCore;

    /// <summary>The call's deadline (UTC); <see cref="DateTime.MaxValue"/> when the client set none.</summary>
    public DateTime Deadline => DeadlineCore;

    /// <summary>The headers the client sent.</summary>
    public Metadata RequestHeaders => RequestHeadersCore;

    /// <summary>Cancelled when the client cancels, the deadline passes or the connection fails.</summary>
    public CancellationToken CancellationToken => CancellationTokenCore;

    /// <summary>Trailers sent with the status when the call ends.</summary>
    public Metadata ResponseTrailers => ResponseTrailersCore;

    /// <summary>The status sent when the handler returns normally (OK unless set).</summary>
    public Status Status
    {
        get => StatusCore;
        set => StatusCore = value;
    }

    /// <summary>Write options for following response writes (shared with the response stream's).</summary>
    public WriteOptions? WriteOptions
    {
        get => WriteOptionsCore;
        set => WriteOptionsCore = value;
    }

    /// <summary>What is known about the client's authenticated identity (e.g. its TLS certificate).</summary>
    public AuthContext AuthContext => AuthContextCore;

    /// <summary>Per-call state for handlers and middleware.</summary>
    public IDictionary<object, object> UserState => UserStateCore;

    /// <summary>Sends response headers now; at most once, before the first response message.</summary>
    public Task WriteResponseHeadersAsync(Metadata responseHeaders) => WriteResponseHeadersAsyncCore(responseHeaders);

    /// <summary>A token that makes a client call made while handling this one inherit its deadline and cancellation.</summary>
    public ContextPropagationToken CreatePropagationToken(ContextPropagationOptions? options = null) => CreatePropagationTokenCore(options);

    /// <summary>Implements <see cref="WriteResponseHeadersAsync"/>.</summary>
    protected abstract Task WriteResponseHeadersAsyncCore(Metadata responseHeaders);

    /// <summary>Implements <see cref="CreatePropagationToken"/>.</summary>
    protected abstract ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options);

    /// <summary>Implements <see cref="Method"/>.</summary>
    protected abstract string MethodCore { get; }

    /// <summary>Implements <see cref="Host"/>.</summary>
    protected abstract string HostCore { get; }

    /// <summary>Implements <see cref="Peer"/>.</summary>
    protected abstract string PeerCore { get; }

    /// <summary>Implements <see cref="Deadline"/>.</summary>
    protected abstract DateTime DeadlineCore { get; }

    /// <summary>Implements <see cref="RequestHeaders"/>.</summary>
    protected abstract Metadata RequestHeadersCore { get; }

    /// <summary>Implements <see cref="CancellationToken"/>.</summary>
    protected abstract CancellationToken CancellationTokenCore { get; }

    /// <summary>Implements <see cref="ResponseTrailers"/>.</summary>
    protected abstract Metadata ResponseTrailersCore { get; }

    /// <summary>Implements <see cref="Status"/>.</summary>
    protected abstract Status StatusCore { get; set; }

    /// <summary>Implements <see cref="WriteOptions"/>.</summary>
    protected abstract WriteOptions? WriteOptionsCore { get; set; }

    /// <summary>Implements <see cref="AuthContext"/>.</summary>
    protected abstract AuthContext AuthContextCore { get; }

    /// <summary>Implements <see cref="UserState"/>; a lazily created dictionary unless overridden.</summary>
    protected virtual IDictionary<object, object> UserStateCore => _userState ??= [];
}
