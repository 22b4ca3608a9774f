using CloudMesh.ControlPlane.Model;

namespace CloudMesh.ControlPlane.Snapshots;

/// <summary>
/// The connected identities of one tenant's mesh, and its recompute state: at most one recompute runs per mesh;
/// a change arriving meanwhile marks it dirty and exactly one more follows (coalescing without a fixed delay).
/// </summary>
internal sealed class MeshGroup(string accountId, string meshName)
{
    public string AccountId { get; } = accountId;

    public string MeshName { get; } = meshName;

    /// <summary>Guarded by the cache's lock.</summary>
    public Dictionary<ProxyIdentity, IdentityEntry> Identities { get; } = [];

    /// <summary>Guards the fields below.</summary>
    public Lock StateLock { get; } = new();

    public bool Running { get; set; }

    public bool Dirty { get; set; }

    /// <summary>Stopwatch timestamp of the earliest change not yet picked up by a recompute (0: none).</summary>
    public long PendingSince { get; set; }
}
