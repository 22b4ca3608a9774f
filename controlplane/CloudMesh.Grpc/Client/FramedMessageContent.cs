using System.Net;
using CloudMesh.Grpc.Internal;

namespace CloudMesh.Grpc.Client;

/// <summary>The request body of a call with one request message, framed before the call starts.</summary>
internal sealed class FramedMessageContent : HttpContent
{
    private PooledBufferWriter? _message;

    public FramedMessageContent(PooledBufferWriter message)
    {
        _message = message;
        Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var message = Interlocked.Exchange(ref _message, null) ?? throw new InvalidOperationException("The request message was already sent.");
        try
        {
            await stream.WriteAsync(message.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            message.Dispose();
        }
    }

    // No content-length: gRPC bodies are streams, and HttpClient must not wait to buffer one.
    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
