namespace CloudMesh.ControlPlane.Model;

/// <summary>
/// One tenant's mesh as stored at one moment: every resource of the mesh with its spec exactly as the
/// App Mesh API accepted it, plus the endpoint instances registered for its virtual nodes. This is the
/// compiler's whole input besides the proxy identity; the loader that builds it is an adapter.
/// </summary>
/// <param name="AccountId">The tenant (12-digit account id).</param>
/// <param name="Region">The region ARNs are minted in.</param>
/// <param name="Mesh">The mesh resource itself (its spec carries the egress filter and service discovery settings).</param>
/// <param name="VirtualNodes">Virtual nodes, ordered by name (ordinal).</param>
/// <param name="VirtualServices">Virtual services, ordered by name.</param>
/// <param name="VirtualRouters">Virtual routers, ordered by name.</param>
/// <param name="Routes">Routes, ordered by (router, name); <see cref="MeshResource.ParentName"/> is the router.</param>
/// <param name="VirtualGateways">Virtual gateways, ordered by name.</param>
/// <param name="GatewayRoutes">Gateway routes, ordered by (gateway, name); <see cref="MeshResource.ParentName"/> is the gateway.</param>
/// <param name="Instances">Registered endpoint instances, ordered by (virtual node, instance id).</param>
public sealed record MeshSnapshot(
    string AccountId,
    string Region,
    MeshResource Mesh,
    IReadOnlyList<MeshResource> VirtualNodes,
    IReadOnlyList<MeshResource> VirtualServices,
    IReadOnlyList<MeshResource> VirtualRouters,
    IReadOnlyList<MeshResource> Routes,
    IReadOnlyList<MeshResource> VirtualGateways,
    IReadOnlyList<MeshResource> GatewayRoutes,
    IReadOnlyList<EndpointInstance> Instances)
{
    /// <summary>The mesh's name.</summary>
    public string MeshName => Mesh.Name;
}
