namespace CloudMesh.ControlPlane.Sources;

/// <summary>
/// A committed change that may alter the configuration of some proxies: one tenant's mesh, every mesh of
/// a tenant (<see cref="MeshName"/> null), or everything (<see cref="AccountId"/> null, after the change
/// feed lost events, e.g. on reconnect, and by the periodic resync).
/// </summary>
/// <param name="AccountId">The tenant, or null for all tenants.</param>
/// <param name="MeshName">The mesh, or null for all meshes of the tenant.</param>
public readonly record struct MeshChange(string? AccountId, string? MeshName)
{
    /// <summary>A change that affects every proxy.</summary>
    public static MeshChange Everything => new(null, null);

    /// <summary>True when a proxy of <paramref name="accountId"/>'s mesh <paramref name="meshName"/> is affected.</summary>
    public bool Affects(string accountId, string meshName) =>
        (AccountId is null || AccountId == accountId) && (MeshName is null || MeshName == meshName);
}
