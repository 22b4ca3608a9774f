using System.Net;
using CloudMesh.Grpc.Internal;

namespace CloudMesh.Grpc.Client;

/// <summary>
/// The request body of a streaming call: HttpClient hands over the request stream once the headers are sent,
/// the call's writer writes messages to it, and completing the content ends the stream (END_STREAM).
/// </summary>
internal sealed class PushStreamContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PushStreamContent()
    {
        Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
    }

    /// <summary>The request stream, once HttpClient has started sending the body.</summary>
    public Task<Stream> StreamAsync => _stream.Task;

    /// <summary>Ends the request body normally.</summary>
    public void Complete() => _completed.TrySetResult();

    /// <summary>Abandons the request body (the call failed or was cancelled).</summary>
    public void Abort()
    {
        if (_stream.TrySetCanceled())
        {
            _ = _stream.Task.Exception;
        }

        _completed.TrySetCanceled();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        await _completed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
