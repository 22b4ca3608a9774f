using Grpc.Core;

namespace Grpc.AspNetCore.Server;

/// <summary>Endpoint metadata naming the gRPC service type and method an endpoint serves.</summary>
public sealed class GrpcMethodMetadata
{
    /// <summary>Creates the metadata.</summary>
    public GrpcMethodMetadata(Type serviceType, IMethod method)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        ArgumentNullException.ThrowIfNull(method);
        ServiceType = serviceType;
        Method = method;
    }

    /// <summary>The implementing service type.</summary>
    public Type ServiceType { get; }

    /// <summary>The method.</summary>
    public IMethod Method { get; }
}
