using System.Reflection;
using Grpc.Core;

namespace CloudMesh.Grpc.Server;

/// <summary>
/// Calls a service method on a per-call service instance through an open-instance delegate (virtual dispatch,
/// no reflection per call). Exactly one of the four delegates is set, matching the method's type.
/// </summary>
internal sealed class ServiceMethodInvoker<TService, TRequest, TResponse>
    where TService : class
    where TRequest : class
    where TResponse : class
{
    public Func<TService, TRequest, ServerCallContext, Task<TResponse>>? Unary { get; private init; }

    public Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>? ClientStreaming { get; private init; }

    public Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>? ServerStreaming { get; private init; }

    public Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>? DuplexStreaming { get; private init; }

    /// <summary>Finds <typeparamref name="TService"/>'s public method for <paramref name="method"/> by name and signature.</summary>
    public static ServiceMethodInvoker<TService, TRequest, TResponse> Create(Method<TRequest, TResponse> method, out MethodInfo methodInfo)
    {
        Type[] parameters = method.Type switch
        {
            MethodType.Unary => [typeof(TRequest), typeof(ServerCallContext)],
            MethodType.ClientStreaming => [typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)],
            MethodType.ServerStreaming => [typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)],
            MethodType.DuplexStreaming => [typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)],
            _ => throw new InvalidOperationException($"Unknown method type {method.Type}."),
        };
        methodInfo = typeof(TService).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, parameters)
            ?? throw new InvalidOperationException($"Could not find '{method.Name}' on {typeof(TService)} for gRPC method {method.FullName}.");
        var info = methodInfo;
        return method.Type switch
        {
            MethodType.Unary => new() { Unary = info.CreateDelegate<Func<TService, TRequest, ServerCallContext, Task<TResponse>>>() },
            MethodType.ClientStreaming => new() { ClientStreaming = info.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, ServerCallContext, Task<TResponse>>>() },
            MethodType.ServerStreaming => new() { ServerStreaming = info.CreateDelegate<Func<TService, TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task>>() },
            _ => new() { DuplexStreaming = info.CreateDelegate<Func<TService, IAsyncStreamReader<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task>>() },
        };
    }
}
