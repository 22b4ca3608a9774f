using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Resources;

namespace CloudMesh.ControlPlane.Snapshots;

/// <summary>
/// One proxy identity with connected streams: its latest snapshot (shared by all of them) and who to tell when
/// it changes. The subscriber list is guarded by the cache's lock; publication by this entry's own lock.
/// </summary>
internal sealed class IdentityEntry(ProxyIdentity identity)
{
    private readonly Lock _publishLock = new();
    private long _computeSequence;
    private long _publishedSequence;
    private volatile PublishedSnapshot? _current;

    public ProxyIdentity Identity { get; } = identity;

    public List<ISnapshotSubscriber> Subscribers { get; } = [];

    /// <summary>The first load, shared by streams that connect while it runs; reset when it fails.</summary>
    public Task? InitialLoad { get; set; }

    public PublishedSnapshot? Current => _current;

    /// <summary>Numbers a computation; later numbers read newer database state.</summary>
    public long BeginCompute() => Interlocked.Increment(ref _computeSequence);

    /// <summary>
    /// Publishes the result of computation <paramref name="sequence"/> unless a later one already published (an
    /// initial load finishing after a recompute must not roll the snapshot back).
    /// </summary>
    /// <returns>True when subscribers must be told (the content changed).</returns>
    public bool TryPublish(long sequence, ProxySnapshot snapshot, long changeObservedAt)
    {
        lock (_publishLock)
        {
            if (sequence <= _publishedSequence)
            {
                return false;
            }

            _publishedSequence = sequence;
            if (_current is { } current && current.Snapshot.Version == snapshot.Version)
            {
                return false;
            }

            _current = new PublishedSnapshot(snapshot, changeObservedAt);
            return true;
        }
    }
}
