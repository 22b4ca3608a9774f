using System.IO.Pipelines;
using CloudMesh.Grpc.Internal;
using Grpc.Core;

namespace CloudMesh.Grpc.Client;

/// <summary>
/// The request stream of a client-streaming or bidirectional call: frames messages straight into a pipe over
/// HttpClient's request stream and flushes each (HTTP/2 flow control applies back-pressure).
/// </summary>
internal sealed class ClientStreamWriter<TRequest, TResponse> : IClientStreamWriter<TRequest>
    where TRequest : class
    where TResponse : class
{
    private readonly GrpcCall<TRequest, TResponse> _call;
    private readonly PushStreamContent _content;
    private PipeWriter? _pipe;
    private GrpcMessageWriter<TRequest>? _writer;
    private int _operationPending;
    private bool _completed;

    public ClientStreamWriter(GrpcCall<TRequest, TResponse> call, PushStreamContent content)
    {
        _call = call;
        _content = content;
        WriteOptions = call.WriteOptions;
    }

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(TRequest message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        BeginOperation();
        try
        {
            if (_completed)
            {
                throw new InvalidOperationException("Request stream has already been completed.");
            }

            ThrowIfCallEnded();
            using var registration = _call.RegisterCancellation(cancellationToken);
            try
            {
                var flags = WriteOptions?.Flags ?? default;
                var writer = await GetWriterAsync().ConfigureAwait(false);
                writer.Write(message, flags);
                if ((flags & WriteFlags.BufferHint) == 0)
                {
                    await _pipe!.FlushAsync(_call.CallToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                throw _call.OnWriteFailed(ex);
            }
        }
        finally
        {
            Volatile.Write(ref _operationPending, 0);
        }
    }

    public async Task CompleteAsync()
    {
        BeginOperation();
        try
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            ThrowIfCallEnded(endedOkIsFine: true);
            if (_pipe is not null && _call.EndedStatus is null)
            {
                try
                {
                    // Flushes anything buffered; the request stream itself stays open for HttpClient to end.
                    await _pipe.CompleteAsync().ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    throw _call.OnWriteFailed(ex);
                }
            }

            _content.Complete();
        }
        finally
        {
            Volatile.Write(ref _operationPending, 0);
        }
    }

    private void BeginOperation()
    {
        if (Interlocked.Exchange(ref _operationPending, 1) == 1)
        {
            throw new InvalidOperationException("Can't write the message because the previous write is in progress.");
        }
    }

    private void ThrowIfCallEnded(bool endedOkIsFine = false)
    {
        if (_call.EndedStatus is not { } status)
        {
            return;
        }

        if (status.StatusCode != StatusCode.OK)
        {
            throw _call.CreateException();
        }

        if (!endedOkIsFine)
        {
            throw new InvalidOperationException("Can't write the message because the call is complete.");
        }
    }

    private async ValueTask<GrpcMessageWriter<TRequest>> GetWriterAsync()
    {
        if (_writer is not null)
        {
            return _writer;
        }

        // Waits for HttpClient to send the request headers and hand over the body stream; fails if the call ends first.
        var stream = await _content.StreamAsync.WaitAsync(_call.CallToken).ConfigureAwait(false);
        _pipe = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        _writer = new GrpcMessageWriter<TRequest>(_pipe, _call.Method.RequestMarshaller.ContextualSerializer, _call.ChannelOptions.MaxSendMessageSize)
        {
            Compressor = _call.RequestCompressor,
        };
        return _writer;
    }
}
