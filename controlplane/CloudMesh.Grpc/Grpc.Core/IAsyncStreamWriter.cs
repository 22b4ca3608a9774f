namespace Grpc.Core;

/// <summary>A stream of messages written one at a time. Only one write may be pending at a time.</summary>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>Options for the following writes; null means <see cref="Core.WriteOptions.Default"/>.</summary>
    WriteOptions? WriteOptions { get; set; }

    /// <summary>Writes a message.</summary>
    Task WriteAsync(T message);

    /// <summary>Writes a message; <paramref name="cancellationToken"/> cancels the write.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        // As in Grpc.Core.Api: implementations that can cancel a write override this.
        if (cancellationToken.CanBeCanceled)
        {
            throw new NotSupportedException("Cancellation of stream writes is not supported by this gRPC implementation.");
        }

        return WriteAsync(message);
    }
}
