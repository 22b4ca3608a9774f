using CloudMesh.ControlPlane.Resources;

namespace CloudMesh.ControlPlane.Protocol;

/// <summary>What an incremental response for one type must carry to bring the client up to date.</summary>
/// <param name="Updates">Resources the client lacks or holds at another version.</param>
/// <param name="Removals">Names the client must drop, or learn do not exist.</param>
/// <param name="SystemVersion">The version of everything the subscription covers (for system_version_info).</param>
internal sealed record DeltaDiff(IReadOnlyList<XdsResource> Updates, IReadOnlyList<string> Removals, string SystemVersion)
{
    public bool IsEmpty => Updates.Count == 0 && Removals.Count == 0;
}
