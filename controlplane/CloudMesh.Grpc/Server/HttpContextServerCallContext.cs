using System.Globalization;
using System.Net.Sockets;
using CloudMesh.Grpc.Internal;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Net.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Grpc.Server;

/// <summary>
/// One server call on an ASP.NET Core request: deadline and cancellation, response headers, message writes and
/// the final status. Writes and the end of the call are serialized by a lock so that the deadline timer can end
/// the response while a handler is still running (the handler's later writes then fail).
/// </summary>
internal sealed partial class HttpContextServerCallContext : ServerCallContext, IServerCallContextFeature, IAsyncDisposable
{
    private const int Running = 0;
    private const int DeadlineExceeded = 1;
    private const int Aborted = 2;

    // Timers cannot wait longer than this; a later deadline is reported but not enforced (49 days is forever here).
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly string _method;
    private readonly GrpcServiceOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _lifetime = new();
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private CancellationTokenRegistration _abortRegistration;
    private ITimer? _deadlineTimer;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private AuthContext? _authContext;
    private string? _peer;
    private Status _status = Status.DefaultSuccess;
    private WriteOptions? _writeOptions;
    private DateTime _deadline = DateTime.MaxValue;
    private int _state = Running;
    private int _writePending;
    private bool _responseEnded;
    private bool _messageWritten;
    private bool _disposed;
    private Task? _deadlineResponse;

    public HttpContextServerCallContext(HttpContext httpContext, string method, GrpcServiceOptions options, ILogger logger, TimeProvider timeProvider)
    {
        HttpContext = httpContext;
        _method = method;
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
    }

    public HttpContext HttpContext { get; }

    /// <summary>The request's <c>grpc-encoding</c>, for decompressing request messages.</summary>
    public string? RequestEncoding { get; private set; }

    /// <summary>The algorithm response messages are compressed with, when the client accepts it.</summary>
    public ICompressionProvider? ResponseCompressor { get; private set; }

    ServerCallContext IServerCallContextFeature.ServerCallContext => this;

    protected override string MethodCore => _method;

    protected override string HostCore => HttpContext.Request.Host.Value ?? "";

    protected override string PeerCore => _peer ??= FormatPeer(HttpContext.Connection);

    protected override DateTime DeadlineCore => _deadline;

    protected override Metadata RequestHeadersCore => _requestHeaders ??= ReadRequestHeaders();

    protected override CancellationToken CancellationTokenCore => _cancellation.Token;

    protected override Metadata ResponseTrailersCore => _responseTrailers ??= [];

    protected override Status StatusCore
    {
        get => _status;
        set => _status = value;
    }

    protected override WriteOptions? WriteOptionsCore
    {
        get => _writeOptions;
        set => _writeOptions = value;
    }

    protected override AuthContext AuthContextCore => _authContext ??= TlsAuthContext.From(HttpContext);

    // Shared with middleware through HttpContext.Items, as in grpc-dotnet.
    protected override IDictionary<object, object> UserStateCore => HttpContext.Items!;

    /// <summary>Whether the call was cancelled: deadline, client reset or lost connection.</summary>
    public bool IsCancelled => _cancellation.IsCancellationRequested;

    /// <summary>Prepares the response and starts deadline and abort tracking; call once before the handler runs.</summary>
    public void Initialize()
    {
        HttpContext.Features.Set<IServerCallContextFeature>(this);

        // A stream lives as long as the client keeps it: Kestrel's whole-body size limit and minimum data rate
        // would cut long-lived streams, so per-message limits apply instead.
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBodySize)
        {
            maxBodySize.MaxRequestBodySize = null;
        }

        if (HttpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minDataRate)
        {
            minDataRate.MinDataRate = null;
        }

        var request = HttpContext.Request;
        var response = HttpContext.Response;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.AcceptEncodingValue(_options.CompressionProviders);

        RequestEncoding = request.Headers[GrpcProtocol.EncodingHeader];
        if (_options.ResponseCompressionAlgorithm is { } algorithm && AcceptsEncoding(request.Headers[GrpcProtocol.AcceptEncodingHeader], algorithm))
        {
            ResponseCompressor = FindProvider(algorithm);
            response.Headers[GrpcProtocol.EncodingHeader] = algorithm;
        }

        _abortRegistration = HttpContext.RequestAborted.UnsafeRegister(static state => ((HttpContextServerCallContext)state!).OnAborted(), this);

        string? timeoutHeader = request.Headers[GrpcProtocol.TimeoutHeader];
        if (timeoutHeader is null)
        {
            return;
        }

        if (!GrpcTimeout.TryParse(timeoutHeader, out var timeout))
        {
            Log.InvalidTimeout(_logger, timeoutHeader);
            return;
        }

        _deadline = _timeProvider.GetUtcNow().UtcDateTime + timeout;
        if (timeout <= MaxTimerDelay)
        {
            _deadlineTimer = _timeProvider.CreateTimer(
                static state => ((HttpContextServerCallContext)state!).OnDeadline(), this, timeout, Timeout.InfiniteTimeSpan);
        }
    }

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        new ServerCallPropagationToken(_deadline, _cancellation.Token, options);

    protected override async Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        await _writeLock.WaitAsync(_cancellation.Token).ConfigureAwait(false);
        try
        {
            if (_responseEnded)
            {
                throw new InvalidOperationException("Can't write response headers because the call is complete.");
            }

            var response = HttpContext.Response;
            if (response.HasStarted)
            {
                throw new InvalidOperationException("Response headers can only be sent once per call.");
            }

            foreach (var entry in responseHeaders)
            {
                if (entry.Key == Metadata.CompressionRequestAlgorithmMetadataKey)
                {
                    // As in grpc-dotnet: a handler picks this call's response compression through its headers.
                    ResponseCompressor = FindProvider(entry.Value);
                    response.Headers[GrpcProtocol.EncodingHeader] = entry.Value;
                }
                else if (!GrpcProtocol.IsReservedHeader(entry.Key))
                {
                    response.Headers.Append(entry.Key, MetadataEncoding.ToHeaderValue(entry));
                }
            }

            var flush = await response.BodyWriter.FlushAsync(_cancellation.Token).ConfigureAwait(false);
            ThrowIfFlushFailed(flush, default);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Writes one response message; flushes unless <paramref name="flags"/> has <see cref="WriteFlags.BufferHint"/>.
    /// Waits when the client's flow-control window is full.
    /// </summary>
    public async Task WriteMessageAsync<T>(GrpcMessageWriter<T> writer, T message, WriteFlags flags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Interlocked.Exchange(ref _writePending, 1) == 1)
        {
            throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
        }

        try
        {
            ThrowIfCancelled();
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_responseEnded)
                {
                    ThrowIfCancelled();
                    throw new InvalidOperationException("Can't write the message because the request is complete.");
                }

                var pipe = HttpContext.Response.BodyWriter;
                try
                {
                    writer.Compressor = ResponseCompressor;
                    writer.Write(message, flags);
                    _messageWritten = true;
                }
                catch when (writer.LeftPartialFrame)
                {
                    // Half a frame is in the response: no status can follow it, so reset the stream.
                    AbortResponse();
                    throw;
                }

                if ((flags & WriteFlags.BufferHint) == 0)
                {
                    using var userCancellation = cancellationToken.CanBeCanceled
                        ? cancellationToken.UnsafeRegister(static state => ((System.IO.Pipelines.PipeWriter)state!).CancelPendingFlush(), pipe)
                        : default;
                    var flush = await pipe.FlushAsync(_cancellation.Token).ConfigureAwait(false);
                    ThrowIfFlushFailed(flush, cancellationToken);
                }
            }
            finally
            {
                _writeLock.Release();
            }
        }
        finally
        {
            Volatile.Write(ref _writePending, 0);
        }
    }

    /// <summary>Ends the call with <paramref name="status"/> and the response trailers, unless it has ended already.</summary>
    public async Task EndCallAsync(Status status)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_responseEnded)
            {
                return;
            }

            _responseEnded = true;
            WriteStatus(status);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Ends the call after the handler threw: the exception becomes a status; details are logged, not sent.</summary>
    public Task ProcessHandlerErrorAsync(Exception exception)
    {
        var method = _method;
        switch (Volatile.Read(ref _state))
        {
            case DeadlineExceeded:
                Log.HandlerEndedAfterDeadline(_logger, method, exception);
                return Task.CompletedTask;
            case Aborted:
                Log.HandlerEndedAfterAbort(_logger, method, exception);
                return Task.CompletedTask;
        }

        Status status;
        if (exception is RpcException rpc)
        {
            status = rpc.Status;
            foreach (var trailer in rpc.Trailers)
            {
                ResponseTrailers.Add(trailer);
            }

            Log.RpcExceptionThrown(_logger, method, status.StatusCode, exception);
        }
        else
        {
            Log.HandlerFailed(_logger, method, exception);
            var detail = _options.EnableDetailedErrors == true
                ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
                : "Exception was thrown by handler.";
            status = new Status(StatusCode.Unknown, detail, exception);
        }

        return EndCallAsync(status);
    }

    /// <summary>
    /// Stops deadline and abort tracking and waits for a deadline response in flight, so nothing touches the
    /// HttpContext after the request delegate returns (Kestrel reuses it).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _deadlineTimer?.Dispose();
        _abortRegistration.Dispose();
        lock (_lifetime)
        {
            _disposed = true;
        }

        if (_deadlineResponse is { } deadlineResponse)
        {
            await deadlineResponse.ConfigureAwait(false);
        }

        _cancellation.Dispose();
        _writeLock.Dispose();
        HttpContext.Features.Set<IServerCallContextFeature>(null);
    }

    private void ThrowIfCancelled()
    {
        switch (Volatile.Read(ref _state))
        {
            case DeadlineExceeded:
                throw new InvalidOperationException("Can't write the message because the deadline has been exceeded.");
            case Aborted:
                throw new OperationCanceledException("The client cancelled the call.", _cancellation.Token);
        }
    }

    private void ThrowIfFlushFailed(System.IO.Pipelines.FlushResult flush, CancellationToken userToken)
    {
        if (flush.IsCanceled)
        {
            userToken.ThrowIfCancellationRequested();
            ThrowIfCancelled();
            throw new OperationCanceledException(_cancellation.Token);
        }

        if (flush.IsCompleted)
        {
            // The transport stopped reading the response: the stream is gone.
            throw new OperationCanceledException("The response stream was closed.", _cancellation.Token);
        }
    }

    private void WriteStatus(Status status)
    {
        var response = HttpContext.Response;
        var code = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (!response.HasStarted && !_messageWritten)
        {
            // Trailers-only response: status and trailers travel in the one HEADERS frame that ends the stream.
            response.Headers[GrpcProtocol.StatusHeader] = code;
            if (!string.IsNullOrEmpty(status.Detail))
            {
                response.Headers[GrpcProtocol.MessageHeader] = PercentEncoding.Encode(status.Detail);
            }

            foreach (var entry in _responseTrailers ?? Metadata.Empty)
            {
                if (!GrpcProtocol.IsReservedHeader(entry.Key))
                {
                    response.Headers.Append(entry.Key, MetadataEncoding.ToHeaderValue(entry));
                }
            }

            return;
        }

        response.AppendTrailer(GrpcProtocol.StatusHeader, code);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            response.AppendTrailer(GrpcProtocol.MessageHeader, PercentEncoding.Encode(status.Detail));
        }

        foreach (var entry in _responseTrailers ?? Metadata.Empty)
        {
            if (!GrpcProtocol.IsReservedHeader(entry.Key))
            {
                response.AppendTrailer(entry.Key, MetadataEncoding.ToHeaderValue(entry));
            }
        }
    }

    private void OnDeadline()
    {
        lock (_lifetime)
        {
            if (_disposed || Interlocked.CompareExchange(ref _state, DeadlineExceeded, Running) != Running)
            {
                return;
            }

            Log.DeadlineExceeded(_logger, _method);
            CancelHandler();
            _deadlineResponse = EndCallOnDeadlineAsync();
        }
    }

    private async Task EndCallOnDeadlineAsync()
    {
        try
        {
            // The handler may be blocked in a flush; cancelling the call token above released it.
            await _writeLock.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_responseEnded)
                {
                    return;
                }

                _responseEnded = true;
                WriteStatus(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
                await HttpContext.Response.CompleteAsync().ConfigureAwait(false);

                // The response is complete; RST_STREAM(NO_ERROR) tells the client to stop sending, as grpc-dotnet does.
                HttpContext.Features.Get<IHttpResetFeature>()?.Reset(0);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or IOException or OperationCanceledException)
        {
            // The call ended by other means (the client went away, or the request finished) meanwhile.
            Log.DeadlineResponseFailed(_logger, _method, ex);
        }
    }

    private void OnAborted()
    {
        if (Interlocked.CompareExchange(ref _state, Aborted, Running) == Running)
        {
            CancelHandler();
        }
    }

    private void CancelHandler()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (AggregateException ex)
        {
            // Exceptions thrown by callbacks a handler registered on the call's token are its own bugs.
            Log.CancellationCallbackFailed(_logger, _method, ex);
        }
        // Wakes a handler waiting for a request message without having passed the call's token. When the client
        // reset the stream the body reader is already failed and says so by throwing: the handler's next read fails
        // with that reset anyway, so there is nothing to wake.
        try
        {
            HttpContext.Request.BodyReader.CancelPendingRead();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            Log.PendingReadNotCancelled(_logger, _method, ex.Message);
        }
    }

    private void AbortResponse()
    {
        _responseEnded = true;
        HttpContext.Abort();
    }

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var (name, values) in HttpContext.Request.Headers)
        {
            foreach (var value in values)
            {
                MetadataEncoding.AddFromHeader(metadata, name, value);
            }
        }

        return metadata;
    }

    private ICompressionProvider FindProvider(string encoding) =>
        _options.CompressionProviders.FirstOrDefault(p => p.EncodingName == encoding)
        ?? throw new InvalidOperationException($"The response encoding '{encoding}' has no compression provider in GrpcServiceOptions.CompressionProviders.");

    private static bool AcceptsEncoding(string? acceptEncoding, string algorithm)
    {
        if (acceptEncoding is null)
        {
            return false;
        }

        foreach (var part in acceptEncoding.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Equals(algorithm, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string FormatPeer(ConnectionInfo connection) => connection.RemoteIpAddress switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } address => $"ipv6:[{address}]:{connection.RemotePort}",
        var address => $"ipv4:{address}:{connection.RemotePort.ToString(CultureInfo.InvariantCulture)}",
    };
}
