namespace CloudMesh.ControlPlane.Snapshots;

/// <summary>A stream's subscription to its identity's snapshot; dispose it when the stream ends.</summary>
public sealed class SnapshotWatch : IDisposable
{
    private readonly SnapshotCache _cache;
    private readonly IdentityEntry _entry;
    private readonly ISnapshotSubscriber _subscriber;
    private int _disposed;

    internal SnapshotWatch(SnapshotCache cache, IdentityEntry entry, ISnapshotSubscriber subscriber)
    {
        _cache = cache;
        _entry = entry;
        _subscriber = subscriber;
    }

    /// <summary>The identity's latest snapshot (never null once the watch exists).</summary>
    public PublishedSnapshot Current => _entry.Current!;

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _cache.Unsubscribe(_entry, _subscriber);
        }
    }
}
