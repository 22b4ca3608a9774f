namespace CloudMesh.ControlPlane.Sources;

/// <summary>
/// Receives committed changes from a change feed (PostgreSQL LISTEN/NOTIFY in production). Every
/// implementation registered in DI is called; calls must return quickly (queue and coalesce the work).
/// </summary>
public interface IMeshChangeListener
{
    /// <summary>Called once per notification, possibly concurrently with other calls.</summary>
    void OnMeshChanged(MeshChange change);
}
