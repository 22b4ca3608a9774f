namespace CloudMesh.ControlPlane.Sources;

/// <summary>
/// A cache of loaded or compiled mesh state. A change feed calls every invalidator before any
/// <see cref="IMeshChangeListener"/>, so listeners that recompute on a change never read what it made stale.
/// </summary>
public interface IConfigCacheInvalidator
{
    /// <summary>Forgets what <paramref name="change"/> affects; must return quickly.</summary>
    void Invalidate(MeshChange change);
}
