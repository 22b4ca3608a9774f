namespace Grpc.Core;

/// <summary>
/// Receives a service's methods from the generated <c>BindService(ServiceBinderBase, TServiceBase)</c>. The
/// server passes a null service implementation and binds handlers itself (one service instance per call).
/// </summary>
public class ServiceBinderBase
{
    /// <summary>Receives a unary method.</summary>
    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        where TRequest : class
        where TResponse : class => throw NotOverridden();

    /// <summary>Receives a client-streaming method.</summary>
    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class
        where TResponse : class => throw NotOverridden();

    /// <summary>Receives a server-streaming method.</summary>
    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class
        where TResponse : class => throw NotOverridden();

    /// <summary>Receives a bidirectional-streaming method.</summary>
    public virtual void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        where TRequest : class
        where TResponse : class => throw NotOverridden();

    private NotSupportedException NotOverridden() =>
        new($"{GetType().Name} does not accept this kind of method; a binder overrides the AddMethod overloads it supports.");
}
