namespace Grpc.Core;

/// <summary>The response stream of a server-side call.</summary>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}
