using CloudMesh.ControlPlane.Compiler.Specs;

namespace CloudMesh.ControlPlane.Compiler.Planning;

/// <summary>A virtual node listener that callers can reach: a node with service discovery, and one of its listeners.</summary>
internal sealed record ClusterTarget(VirtualNodeModel Node, NodeListener Listener);

/// <summary>A share of traffic for one target.</summary>
internal sealed record WeightedTarget(ClusterTarget Target, int Weight);

/// <summary>One HTTP-family routing rule of a virtual service port, in the order it must be tried.</summary>
/// <param name="Name">The App Mesh route's name (or the provider node's, for a node provider).</param>
/// <param name="Match">What requests it takes.</param>
/// <param name="Targets">Where they go; never empty, weights all positive.</param>
/// <param name="Retry">The route's retry policy.</param>
/// <param name="Timeout">The route's timeouts (for a node provider: its listener's).</param>
/// <param name="Grpc">True for gRPC routes (timeouts also bound the gRPC stream).</param>
internal sealed record HttpRule(
    string Name,
    RequestMatch Match,
    IReadOnlyList<WeightedTarget> Targets,
    RetryPolicySpec? Retry,
    TimeoutSpec? Timeout,
    bool Grpc);

/// <summary>The TCP rule of a virtual service port: a TCP proxy can only split by weight.</summary>
internal sealed record TcpRule(string Name, IReadOnlyList<WeightedTarget> Targets, long? IdleMillis);

/// <summary>One port of a virtual service, as its provider (router listener or node listener) declares it.</summary>
internal sealed record ServicePort(int Port, PortProtocol Protocol, IReadOnlyList<HttpRule> HttpRules, TcpRule? Tcp);

/// <summary>
/// A virtual service resolved to what its callers need: ports, and per port the rules in priority order
/// with their targets. Computed once per service by <see cref="MeshIndex"/>; callers (nodes, gateways,
/// proxyless clients) only project it.
/// </summary>
internal sealed record ServicePlan(string ServiceName, IReadOnlyList<ServicePort> Ports)
{
    /// <summary>The port a caller means when it names none: the provider's only (or lowest) port.</summary>
    public ServicePort? DefaultPort => Ports.Count > 0 ? Ports[0] : null;

    public ServicePort? PortOrDefault(int? port)
    {
        if (port is null)
        {
            return DefaultPort;
        }

        foreach (var candidate in Ports)
        {
            if (candidate.Port == port)
            {
                return candidate;
            }
        }

        return null;
    }
}
