namespace CloudMesh.ControlPlane.Snapshots;

/// <summary>
/// A stream watching its identity's snapshot. Called on the recompute's thread after a new snapshot is published;
/// must return at once (signal the stream's own loop, which then reads <see cref="SnapshotWatch.Current"/>).
/// </summary>
public interface ISnapshotSubscriber
{
    /// <summary>The identity's snapshot changed.</summary>
    void OnSnapshotChanged();
}
