using CloudMesh.ControlPlane.Model;

namespace CloudMesh.ControlPlane.Sources;

/// <summary>Reads one tenant's mesh, consistently, from wherever the API stores it.</summary>
public interface IMeshSnapshotLoader
{
    /// <summary>The mesh as of one committed moment, or null when the tenant has no such mesh.</summary>
    ValueTask<MeshSnapshot?> LoadAsync(string accountId, string meshName, CancellationToken cancellationToken);
}
