using System.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Grpc.Server;

/// <summary>
/// Receives a service's methods from its generated <c>BindService(ServiceBinderBase, TServiceBase)</c> (called with
/// a null implementation) and turns each into an endpoint description: path, request delegate, metadata.
/// </summary>
internal sealed class EndpointServiceBinder<TService>(GrpcServiceOptions options, ILogger logger, TimeProvider timeProvider) : ServiceBinderBase
    where TService : class
{
    public List<GrpcMethodEndpoint> Endpoints { get; } = [];

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) => Add(method);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) => Add(method);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) => Add(method);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) => Add(method);

    private void Add<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        var invoker = ServiceMethodInvoker<TService, TRequest, TResponse>.Create(method, out var methodInfo);
        var handler = new ServerCallHandler<TService, TRequest, TResponse>(method, invoker, options, logger, timeProvider);

        // Attributes on the service class and method (e.g. [Authorize]) become endpoint metadata, as in Grpc.AspNetCore.
        List<object> metadata = [.. typeof(TService).GetCustomAttributes(inherit: true), .. methodInfo.GetCustomAttributes(inherit: true)];
        metadata.Add(new GrpcMethodMetadata(typeof(TService), method));
        Endpoints.Add(new GrpcMethodEndpoint(method, handler.HandleCallAsync, metadata));
    }
}

/// <summary>One gRPC method's endpoint before it is mapped.</summary>
internal sealed record GrpcMethodEndpoint(IMethod Method, RequestDelegate RequestDelegate, IReadOnlyList<object> Metadata);

/// <summary>Finds the generated static bind method named by <see cref="BindServiceMethodAttribute"/>.</summary>
internal static class BindMethodFinder
{
    public static MethodInfo Find(Type serviceType)
    {
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            var attribute = type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false);
            if (attribute is null)
            {
                continue;
            }

            return attribute.BindType.GetMethod(
                    attribute.BindMethodName,
                    BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static,
                    [typeof(ServiceBinderBase), type])
                ?? throw new InvalidOperationException(
                    $"{attribute.BindType} has no static {attribute.BindMethodName}(ServiceBinderBase, {type.Name}) for gRPC service {serviceType}.");
        }

        throw new InvalidOperationException(
            $"{serviceType} is not a gRPC service: no base class has [BindServiceMethod] (derive from a base class that Grpc.Tools generated).");
    }
}
