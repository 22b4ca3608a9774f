namespace Grpc.Core;

/// <summary>A gRPC method without its message types.</summary>
public interface IMethod
{
    /// <summary>The method's shape.</summary>
    MethodType Type { get; }

    /// <summary>The fully qualified service name, e.g. <c>envoy.service.discovery.v3.AggregatedDiscoveryService</c>.</summary>
    string ServiceName { get; }

    /// <summary>The method name, e.g. <c>StreamAggregatedResources</c>.</summary>
    string Name { get; }

    /// <summary>The HTTP/2 path: <c>/{ServiceName}/{Name}</c>.</summary>
    string FullName { get; }
}
