using CloudMesh.Grpc.Internal;
using Grpc.Core;

namespace CloudMesh.Grpc.Server;

/// <summary>The response stream of a server-streaming or bidirectional call.</summary>
internal sealed class HttpContextStreamWriter<T>(HttpContextServerCallContext call, GrpcMessageWriter<T> writer) : IServerStreamWriter<T>
{
    // Shared with ServerCallContext.WriteOptions, as in grpc-dotnet.
    public WriteOptions? WriteOptions
    {
        get => call.WriteOptions;
        set => call.WriteOptions = value;
    }

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(T message, CancellationToken cancellationToken) =>
        call.WriteMessageAsync(writer, message, call.WriteOptions?.Flags ?? default, cancellationToken);
}
