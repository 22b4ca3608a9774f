using CloudMesh.ControlPlane.Resources;

namespace CloudMesh.ControlPlane.Snapshots;

/// <summary>A snapshot as published for an identity.</summary>
/// <param name="Snapshot">The snapshot.</param>
/// <param name="ChangeObservedAt">
/// <see cref="System.Diagnostics.Stopwatch"/> timestamp of the change notification that led to it (0 for the first
/// load): push latency is measured from there.
/// </param>
public sealed record PublishedSnapshot(ProxySnapshot Snapshot, long ChangeObservedAt);
