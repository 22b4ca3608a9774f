using System.Diagnostics;
using CloudMesh.ControlPlane.Diagnostics;
using CloudMesh.ControlPlane.Hosting;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Resources;
using CloudMesh.ControlPlane.Sources;
using Microsoft.Extensions.Logging;

namespace CloudMesh.ControlPlane.Snapshots;

/// <summary>
/// The snapshots of every proxy identity with connected streams, grouped by (tenant, mesh). A change notification
/// recomputes each affected identity once, however many streams share it, and wakes only the streams whose
/// snapshot content changed; each stream's session then decides, per subscribed type, whether to push.
/// Thread-safe; knows nothing of gRPC (the go-control-plane split: the server depends on the cache, not the reverse).
/// </summary>
public sealed partial class SnapshotCache : IMeshChangeListener, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string AccountId, string MeshName), MeshGroup> _groups = [];
    private readonly IProxyConfigSource _source;
    private readonly ControlPlaneMetrics _metrics;
    private readonly ILogger<SnapshotCache> _logger;
    private readonly SemaphoreSlim _concurrency;
    private readonly int _maxConcurrency;
    private readonly CancellationTokenSource _stopping = new();
    private long _completedRecomputes;

    /// <summary>Creates the cache.</summary>
    public SnapshotCache(IProxyConfigSource source, ControlPlaneMetrics metrics, ControlPlaneOptions options, ILogger<SnapshotCache> logger)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _source = source;
        _metrics = metrics;
        _logger = logger;
        _maxConcurrency = Math.Max(1, options.MaxConcurrentRecomputes);
        _concurrency = new SemaphoreSlim(_maxConcurrency);
    }

    /// <summary>How many identities have connected streams.</summary>
    public int IdentityCount
    {
        get
        {
            lock (_gate)
            {
                return _groups.Values.Sum(g => g.Identities.Count);
            }
        }
    }

    /// <summary>Mesh recompute passes finished so far (tests and diagnostics).</summary>
    public long CompletedRecomputes => Interlocked.Read(ref _completedRecomputes);

    /// <summary>
    /// Subscribes <paramref name="subscriber"/> to <paramref name="identity"/>'s snapshot, loading it first if no
    /// other stream of the identity is connected.
    /// </summary>
    /// <exception cref="Exception">The configuration source failed on the first load (the stream should end, so the
    /// proxy keeps its configuration and reconnects later, rather than receive empty sets).</exception>
    public async ValueTask<SnapshotWatch> WatchAsync(ProxyIdentity identity, ISnapshotSubscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(subscriber);
        IdentityEntry entry;
        Task load;
        lock (_gate)
        {
            var key = (identity.AccountId, identity.MeshName);
            if (!_groups.TryGetValue(key, out MeshGroup? group))
            {
                group = new MeshGroup(identity.AccountId, identity.MeshName);
                _groups.Add(key, group);
            }

            if (!group.Identities.TryGetValue(identity, out IdentityEntry? existing))
            {
                existing = new IdentityEntry(identity);
                group.Identities.Add(identity, existing);
            }

            entry = existing;
            entry.Subscribers.Add(subscriber);
            load = entry.Current is not null ? Task.CompletedTask : (entry.InitialLoad ??= Task.Run(() => LoadInitialAsync(entry)));
        }

        try
        {
            await load.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Unsubscribe(entry, subscriber);
            throw;
        }

        return new SnapshotWatch(this, entry, subscriber);
    }

    /// <summary>Schedules a recompute of every connected identity the change affects; returns at once.</summary>
    public void OnMeshChanged(MeshChange change)
    {
        long observedAt = Stopwatch.GetTimestamp();
        MeshGroup[] affected;
        lock (_gate)
        {
            affected = [.. _groups.Values.Where(g => change.Affects(g.AccountId, g.MeshName))];
        }

        foreach (MeshGroup group in affected)
        {
            Schedule(group, observedAt);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Only cancelled, not disposed: recomputes still running may read the token or release the semaphore.
        _stopping.Cancel();
    }

    internal void Unsubscribe(IdentityEntry entry, ISnapshotSubscriber subscriber)
    {
        lock (_gate)
        {
            entry.Subscribers.Remove(subscriber);
            var key = (entry.Identity.AccountId, entry.Identity.MeshName);
            if (entry.Subscribers.Count == 0
                && _groups.TryGetValue(key, out MeshGroup? group)
                && group.Identities.TryGetValue(entry.Identity, out IdentityEntry? current)
                && ReferenceEquals(current, entry))
            {
                group.Identities.Remove(entry.Identity);
                if (group.Identities.Count == 0)
                {
                    _groups.Remove(key);
                }
            }
        }
    }

    private void Schedule(MeshGroup group, long observedAt)
    {
        lock (group.StateLock)
        {
            if (group.PendingSince == 0)
            {
                group.PendingSince = observedAt;
            }

            if (group.Running)
            {
                // Coalescing: the running pass may have read the mesh before this change; one more pass follows it.
                group.Dirty = true;
                return;
            }

            group.Running = true;
        }

        _ = Task.Run(() => RecomputeLoopAsync(group));
    }

    private async Task RecomputeLoopAsync(MeshGroup group)
    {
        while (true)
        {
            long observedAt;
            lock (group.StateLock)
            {
                group.Dirty = false;
                observedAt = group.PendingSince;
                group.PendingSince = 0;
            }

            await RecomputeGroupAsync(group, observedAt).ConfigureAwait(false);
            Interlocked.Increment(ref _completedRecomputes);
            lock (group.StateLock)
            {
                if (!group.Dirty)
                {
                    group.Running = false;
                    return;
                }
            }
        }
    }

    private async Task RecomputeGroupAsync(MeshGroup group, long observedAt)
    {
        IdentityEntry[] entries;
        lock (_gate)
        {
            entries = [.. group.Identities.Values];
        }

        try
        {
            await Parallel.ForEachAsync(
                entries,
                new ParallelOptions { MaxDegreeOfParallelism = _maxConcurrency, CancellationToken = _stopping.Token },
                async (entry, cancellationToken) =>
                {
                    if (await ComputeAsync(entry, observedAt, cancellationToken).ConfigureAwait(false))
                    {
                        Notify(entry);
                    }
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task LoadInitialAsync(IdentityEntry entry)
    {
        try
        {
            await ComputeAsync(entry, changeObservedAt: 0, _stopping.Token, rethrow: true).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                entry.InitialLoad = null;
            }

            throw;
        }
    }

    /// <returns>True when a changed snapshot was published.</returns>
    private async Task<bool> ComputeAsync(IdentityEntry entry, long changeObservedAt, CancellationToken cancellationToken, bool rethrow = false)
    {
        await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long sequence = entry.BeginCompute();
            long started = Stopwatch.GetTimestamp();
            ProxyConfig? config = await _source.GetConfigAsync(entry.Identity, cancellationToken).ConfigureAwait(false);
            ProxySnapshot snapshot = ProxySnapshot.From(config, entry.Current?.Snapshot);
            _metrics.RecomputeDuration.Observe(Stopwatch.GetElapsedTime(started));
            return entry.TryPublish(sequence, snapshot, changeObservedAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The previous snapshot stays; the next change or the periodic resync tries again.
            _metrics.RecomputeFailures.Increment();
            LogRecomputeFailed(entry.Identity, ex);
            if (rethrow)
            {
                throw;
            }

            return false;
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private void Notify(IdentityEntry entry)
    {
        ISnapshotSubscriber[] subscribers;
        lock (_gate)
        {
            subscribers = [.. entry.Subscribers];
        }

        foreach (ISnapshotSubscriber subscriber in subscribers)
        {
            subscriber.OnSnapshotChanged();
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "Computing the configuration of {Identity} failed; its proxies keep the previous one until the next change or resync")]
    private partial void LogRecomputeFailed(ProxyIdentity identity, Exception exception);
}
