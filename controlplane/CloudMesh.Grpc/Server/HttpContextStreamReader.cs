using CloudMesh.Grpc.Internal;
using Grpc.Core;

namespace CloudMesh.Grpc.Server;

/// <summary>The request stream of a client-streaming or bidirectional call.</summary>
internal sealed class HttpContextStreamReader<T>(HttpContextServerCallContext call, GrpcMessageReader<T> reader) : IAsyncStreamReader<T>
{
    private static readonly Task<bool> True = Task.FromResult(true);
    private static readonly Task<bool> False = Task.FromResult(false);
    private bool _ended;

    public T Current => reader.Current;

    public Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(cancellationToken);
        }

        if (_ended)
        {
            return False;
        }

        ValueTask<bool> read;
        try
        {
            read = reader.ReadNextAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<bool>(Translate(ex));
        }

        // Most reads complete synchronously once data is buffered: no allocation for those.
        return read.IsCompletedSuccessfully ? Completed(read.Result) : AwaitRead(read);
    }

    private async Task<bool> AwaitRead(ValueTask<bool> read)
    {
        try
        {
            return Completed(await read.ConfigureAwait(false)).Result;
        }
        catch (Exception ex)
        {
            throw Translate(ex);
        }
    }

    private Task<bool> Completed(bool hasMessage)
    {
        _ended = !hasMessage;
        return hasMessage ? True : False;
    }

    // A read that fails because the call was cancelled (deadline, client reset) reports the call's cancellation,
    // not Kestrel's transport exception.
    private Exception Translate(Exception exception) =>
        call.IsCancelled && exception is OperationCanceledException or IOException
            ? new OperationCanceledException("The call was cancelled.", exception, call.CancellationToken)
            : exception;
}
