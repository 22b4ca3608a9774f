using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using CloudMesh.Grpc.Internal;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Compression;

namespace CloudMesh.Grpc.Client;

/// <summary>
/// One client call over one HTTP/2 request: sends headers and request messages, reads response headers,
/// messages and trailers, and owns the call's outcome. The status is decided once (<see cref="TryFinish"/>):
/// by the trailers, the deadline, cancellation, a transport failure or a protocol violation; a failed or
/// cancelled call resets its HTTP/2 stream. Reads and writes may run concurrently with each other, not with
/// themselves.
/// </summary>
internal sealed class GrpcCall<TRequest, TResponse>
    where TRequest : class
    where TResponse : class
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly string? _host;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _callCancellation = new();
    private readonly TaskCompletionSource<Metadata> _responseHeaders = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private CancellationTokenRegistration _userCancellation;
    private CancellationTokenRegistration _parentCancellation;
    private ITimer? _deadlineTimer;
    private Task _responseStarted = Task.CompletedTask;
    private HttpResponseMessage? _response;
    private GrpcMessageReader<TResponse>? _responseReader;
    private PushStreamContent? _requestContent;
    private Status? _status;
    private Metadata? _trailers;
    private bool _receivedMessage;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, string? host, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _host = host;
        _options = options;
        Deadline = EffectiveDeadline(options);
    }

    public DateTime Deadline { get; }

    public Task<Metadata> ResponseHeadersAsync => _responseHeaders.Task;

    public CancellationToken CallToken => _callCancellation.Token;

    public GrpcChannelOptions ChannelOptions => _channel.Options;

    public Method<TRequest, TResponse> Method => _method;

    public WriteOptions? WriteOptions => _options.WriteOptions;

    /// <summary>Starts a call with one request message (unary and server streaming).</summary>
    public void Start(TRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = new PooledBufferWriter();
        var writer = new GrpcMessageWriter<TRequest>(message, _method.RequestMarshaller.ContextualSerializer, _channel.Options.MaxSendMessageSize);
        var httpRequest = CreateRequest(writer);
        try
        {
            // Framed before sending, so an oversized or unserializable request fails the call without a request.
            writer.Write(request, _options.WriteOptions?.Flags ?? default);
        }
        catch (Exception ex)
        {
            message.Dispose();
            httpRequest.Dispose();
            TryFinish(ex is RpcException rpc
                ? rpc.Status
                : new Status(StatusCode.Internal, $"Error serializing request message. {ex.GetType().Name}: {ex.Message}", ex));
            return;
        }

        httpRequest.Content = new FramedMessageContent(message);
        Start(httpRequest);
    }

    /// <summary>Starts a call whose request messages are written to <paramref name="content"/> (client and bidirectional streaming).</summary>
    public void Start(PushStreamContent content)
    {
        _requestContent = content;
        var httpRequest = CreateRequest(writer: null);
        httpRequest.Content = content;
        Start(httpRequest);
    }

    /// <summary>Reads the next response message: true with <see cref="Current"/> set, false after an OK end.</summary>
    public async Task<bool> ReadNextAsync(CancellationToken cancellationToken)
    {
        using var registration = RegisterCancellation(cancellationToken);
        var hasMessage = await ReadCoreAsync().ConfigureAwait(false);
        if (!hasMessage)
        {
            ThrowIfFailed();
        }

        return hasMessage;
    }

    public TResponse Current => _responseReader is { } reader ? reader.Current : throw new InvalidOperationException("No message has been read.");

    /// <summary>Reads the single response of a unary or client-streaming call and the status after it.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        if (!await ReadCoreAsync().ConfigureAwait(false))
        {
            // Ended without a message: RequireResponseMessage made that a failure.
            ThrowIfFailed();
            throw new InvalidOperationException("The call ended without a response message and without a failure status.");
        }

        var response = _responseReader!.Current;
        if (await ReadCoreAsync().ConfigureAwait(false))
        {
            TryFinish(new Status(StatusCode.Internal, "The server sent more than one response message to a call that takes one."));
        }

        ThrowIfFailed();
        return response;
    }

    public Status GetStatus()
    {
        lock (_lock)
        {
            return _status ?? throw new InvalidOperationException("Unable to get the status because the call is not complete.");
        }
    }

    public Metadata GetTrailers()
    {
        lock (_lock)
        {
            return _status is null
                ? throw new InvalidOperationException("Can't get the call trailers because the call has not completed successfully.")
                : _trailers ?? Metadata.Empty;
        }
    }

    /// <summary>Cancels the call unless it has ended, and releases it.</summary>
    public void Dispose()
    {
        TryFinish(new Status(StatusCode.Cancelled, "gRPC call disposed."));
        _response?.Dispose();
    }

    /// <summary>
    /// Decides the call's status if it is still undecided. Anything but a clean OK end resets the HTTP/2 stream;
    /// every pending or later operation then observes the status.
    /// </summary>
    public bool TryFinish(Status status, Metadata? trailers = null)
    {
        lock (_lock)
        {
            if (_status is not null)
            {
                return false;
            }

            _status = status;
            _trailers = trailers?.Freeze() ?? Metadata.Empty;
        }

        _deadlineTimer?.Dispose();
        _userCancellation.Dispose();
        _parentCancellation.Dispose();
        if (status.StatusCode == StatusCode.OK)
        {
            // The server ended the call: let HttpClient finish a request body still waiting for writes.
            _requestContent?.Complete();
        }
        else
        {
            _requestContent?.Abort();
            _callCancellation.Cancel();
            _response?.Dispose();
        }

        if (_responseHeaders.TrySetException(CreateException()))
        {
            // Nobody has to look at the headers of a failed call: mark the exception observed.
            _ = _responseHeaders.Task.Exception;
        }

        return true;
    }

    /// <summary>The exception that reports this (ended) call's failure to callers.</summary>
    public Exception CreateException()
    {
        Status status;
        Metadata trailers;
        lock (_lock)
        {
            status = _status ?? throw new InvalidOperationException("The call has not ended.");
            trailers = _trailers ?? Metadata.Empty;
        }

        if (_channel.Options.ThrowOperationCanceledOnCancellation && status.StatusCode is StatusCode.Cancelled or StatusCode.DeadlineExceeded)
        {
            return new OperationCanceledException(status.Detail, status.DebugException, _options.CancellationToken);
        }

        return new RpcException(status, trailers);
    }

    /// <summary>Throws if the call ended with anything but OK.</summary>
    public void ThrowIfFailed()
    {
        lock (_lock)
        {
            if (_status is null || _status.Value.StatusCode == StatusCode.OK)
            {
                return;
            }
        }

        throw CreateException();
    }

    /// <summary>The call's status if it has ended.</summary>
    public Status? EndedStatus
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    /// <summary>Cancels the call when <paramref name="cancellationToken"/> fires (a cancelled read or write cancels the call).</summary>
    public CancellationTokenRegistration RegisterCancellation(CancellationToken cancellationToken) => cancellationToken.CanBeCanceled
        ? cancellationToken.UnsafeRegister(static state => ((GrpcCall<TRequest, TResponse>)state!).TryFinish(new Status(StatusCode.Cancelled, "Call canceled by the client.")), this)
        : default;

    /// <summary>Maps a failure of a request write to the call's status.</summary>
    public Exception OnWriteFailed(Exception exception)
    {
        if (EndedStatus is { StatusCode: StatusCode.OK })
        {
            // The server ended the call normally while the client was still writing.
            return new InvalidOperationException("Can't write the message because the call is complete.", exception);
        }

        switch (exception)
        {
            case RpcException rpc:
                TryFinish(rpc.Status);
                break;
            case OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException:
                TryFinish(new Status(StatusCode.Unavailable, $"Error sending request message. {exception.GetType().Name}: {exception.Message}", exception));
                break;
            default:
                TryFinish(new Status(StatusCode.Internal, $"Error sending request message. {exception.GetType().Name}: {exception.Message}", exception));
                break;
        }

        return CreateException();
    }

    private void Start(HttpRequestMessage httpRequest)
    {
        var now = DateTime.UtcNow;
        if (Deadline <= now)
        {
            httpRequest.Dispose();
            TryFinish(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
            return;
        }

        if (Deadline != DateTime.MaxValue)
        {
            var timeout = Deadline - now;
            httpRequest.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
            if (timeout <= MaxTimerDelay)
            {
                _deadlineTimer = TimeProvider.System.CreateTimer(
                    static state => ((GrpcCall<TRequest, TResponse>)state!).TryFinish(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")),
                    this,
                    timeout,
                    Timeout.InfiniteTimeSpan);
            }
        }

        _userCancellation = RegisterCancellation(_options.CancellationToken);
        if (_options.PropagationToken?.ParentCancellationToken is { CanBeCanceled: true } parentToken)
        {
            _parentCancellation = parentToken.UnsafeRegister(
                static state => ((GrpcCall<TRequest, TResponse>)state!).TryFinish(new Status(StatusCode.Cancelled, "The parent call was cancelled.")), this);
        }

        _responseStarted = SendAsync(httpRequest);
    }

    private async Task SendAsync(HttpRequestMessage httpRequest)
    {
        try
        {
            await ApplyCallCredentialsAsync(httpRequest).ConfigureAwait(false);
            var response = await _channel.SendAsync(httpRequest, _callCancellation.Token).ConfigureAwait(false);
            lock (_lock)
            {
                _response = response;
            }

            if (EndedStatus is not null)
            {
                response.Dispose();
                return;
            }

            var headers = ResponseMetadata.FromHeaders(response);
            var headerStatus = ResponseMetadata.ValidateHeaders(response);
            if (headerStatus is { } status)
            {
                // Trailers-only response (or not gRPC at all): the headers are the whole response.
                _responseHeaders.TrySetResult(headers);
                TryFinish(RequireResponseMessage(status), headers);
                response.Dispose();
                return;
            }

            var stream = await response.Content.ReadAsStreamAsync(_callCancellation.Token).ConfigureAwait(false);
            _responseReader = new GrpcMessageReader<TResponse>(
                PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true)),
                _method.ResponseMarshaller.ContextualDeserializer,
                _channel.Options.MaxReceiveMessageSize,
                _channel.Options.CompressionProviders)
            {
                Encoding = response.Headers.TryGetValues(GrpcProtocol.EncodingHeader, out var encodings) ? encodings.FirstOrDefault() : null,
            };
            _responseHeaders.TrySetResult(headers);
        }
        catch (Exception ex)
        {
            // Cancellation and deadline have decided the status already; anything else is a transport failure.
            TryFinish(new Status(StatusCode.Unavailable, $"Error starting gRPC call. {ex.GetType().Name}: {ex.Message}", ex));
        }
    }

    private async Task<bool> ReadCoreAsync()
    {
        await _responseStarted.ConfigureAwait(false);
        var reader = _responseReader;
        if (reader is null || EndedStatus is not null)
        {
            ThrowIfFailed();
            return false;
        }

        try
        {
            if (await reader.ReadNextAsync(_callCancellation.Token).ConfigureAwait(false))
            {
                _receivedMessage = true;
                return true;
            }
        }
        catch (RpcException ex)
        {
            reader.Complete();
            TryFinish(ex.Status);
            throw CreateException();
        }
        catch (Exception ex)
        {
            reader.Complete();
            TryFinish(ResponseMetadata.StatusFromReadFailure(ex));
            throw CreateException();
        }

        // End of the response body: the trailers are in.
        reader.Complete();
        var response = _response!;
        var trailers = ResponseMetadata.FromTrailers(response);
        TryFinish(RequireResponseMessage(ResponseMetadata.StatusFromTrailers(response)), trailers);
        response.Dispose();
        return false;
    }

    // Unary and client-streaming calls owe exactly one response message: OK without one is a broken response.
    private Status RequireResponseMessage(Status status) =>
        status.StatusCode == StatusCode.OK && !_receivedMessage && _method.Type is MethodType.Unary or MethodType.ClientStreaming
            ? new Status(StatusCode.Internal, "Failed to deserialize response message. The response has no message.")
            : status;

    private HttpRequestMessage CreateRequest(GrpcMessageWriter<TRequest>? writer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.GetMethodUri(_method))
        {
            Version = _channel.Options.HttpVersion,
            VersionPolicy = _channel.Options.HttpVersionPolicy,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("user-agent", UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.AcceptEncodingValue(_channel.Options.CompressionProviders));
        if (_host is not null)
        {
            headers.Host = _host;
        }

        foreach (var entry in _options.Headers ?? Metadata.Empty)
        {
            if (entry.Key == Metadata.CompressionRequestAlgorithmMetadataKey)
            {
                RequestCompressor = FindCompressor(entry.Value);
                headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, entry.Value);
            }
            else if (!GrpcProtocol.IsReservedHeader(entry.Key))
            {
                headers.TryAddWithoutValidation(entry.Key, MetadataEncoding.ToHeaderValue(entry));
            }
        }

        if (writer is not null)
        {
            writer.Compressor = RequestCompressor;
        }

        return request;
    }

    /// <summary>The algorithm request messages are compressed with (from <c>grpc-internal-encoding-request</c>).</summary>
    public ICompressionProvider? RequestCompressor { get; private set; }

    private ICompressionProvider FindCompressor(string encoding) =>
        _channel.Options.CompressionProviders.FirstOrDefault(p => p.EncodingName == encoding)
        ?? throw new InvalidOperationException($"Could not find compression provider for '{encoding}'.");

    private async Task ApplyCallCredentialsAsync(HttpRequestMessage request)
    {
        if (_options.Credentials is not { } credentials || (!_channel.IsSecure && !_channel.Options.UnsafeUseInsecureChannelCallCredentials))
        {
            return;
        }

        var interceptors = CallCredentialsInterceptors.Collect(credentials);
        var metadata = new Metadata();
        var context = new AuthInterceptorContext($"{_channel.Address.GetLeftPart(UriPartial.Authority)}/{_method.ServiceName}", _method.Name, _callCancellation.Token);
        try
        {
            foreach (var interceptor in interceptors)
            {
                await interceptor(context, metadata).ConfigureAwait(false);
            }
        }
        catch (RpcException ex)
        {
            TryFinish(ex.Status);
            throw;
        }

        foreach (var entry in metadata)
        {
            request.Headers.TryAddWithoutValidation(entry.Key, MetadataEncoding.ToHeaderValue(entry));
        }
    }

    private static DateTime EffectiveDeadline(CallOptions options)
    {
        var deadline = options.Deadline is { } own ? own.ToUniversalTime() : DateTime.MaxValue;
        if (options.PropagationToken?.ParentDeadline is { } parent && parent < deadline)
        {
            deadline = parent;
        }

        return deadline;
    }

    private static readonly string UserAgent = "grpc-dotnet-cloudmesh/" +
        (typeof(GrpcCall<,>).Assembly.GetName().Version ?? new Version(1, 0)).ToString(2) + " (" +
        string.Format(CultureInfo.InvariantCulture, ".NET {0}", Environment.Version) + ")";
}
