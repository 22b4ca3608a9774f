namespace CloudMesh.ControlPlane.Model;

/// <summary>What a proxy is in its tenant's mesh: the sidecar of a virtual node or a virtual gateway.</summary>
public enum ProxyKind
{
    /// <summary>An Envoy (or CloudMesh proxy, or proxyless gRPC client) standing for a virtual node.</summary>
    VirtualNode,

    /// <summary>An ingress gateway standing for a virtual gateway.</summary>
    VirtualGateway,
}

/// <summary>A connected proxy's identity, parsed from its xDS node id and bound to the tenant that authenticated the stream.</summary>
/// <param name="AccountId">The tenant.</param>
/// <param name="MeshName">The mesh.</param>
/// <param name="Kind">Virtual node or virtual gateway.</param>
/// <param name="Name">The virtual node's or virtual gateway's name.</param>
public sealed record ProxyIdentity(string AccountId, string MeshName, ProxyKind Kind, string Name)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{AccountId}/mesh/{MeshName}/{(Kind == ProxyKind.VirtualNode ? "virtualNode" : "virtualGateway")}/{Name}";
}
