using System.Threading.Channels;
using CloudMesh.ControlPlane.Diagnostics;
using CloudMesh.ControlPlane.Hosting;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Resources;
using CloudMesh.ControlPlane.Snapshots;
using CloudMesh.ControlPlane.Sources;
using CloudMesh.ControlPlane.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using static CloudMesh.ControlPlane.Tests.Support.TestConfigs;

namespace CloudMesh.ControlPlane.Tests.Snapshots;

public sealed class SnapshotCacheTests : IDisposable
{
    private static readonly ProxyIdentity Cart = new("111111111111", "shop", ProxyKind.VirtualNode, "cart");
    private static readonly ProxyIdentity Web = new("111111111111", "shop", ProxyKind.VirtualNode, "web");
    private static readonly ProxyIdentity Other = new("111111111111", "other-mesh", ProxyKind.VirtualNode, "cart");

    private readonly InMemoryProxyConfigSource _source = new();
    private readonly ControlPlaneMetrics _metrics = new();
    private readonly SnapshotCache _cache;

    public SnapshotCacheTests()
    {
        _cache = new SnapshotCache(_source, _metrics, new ControlPlaneOptions(), NullLogger<SnapshotCache>.Instance);
    }

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task Streams_of_one_identity_share_one_load_and_one_snapshot()
    {
        _source.Set(Cart, Sidecar());
        using SnapshotWatch first = await _cache.WatchAsync(Cart, new Recorder(), default);
        using SnapshotWatch second = await _cache.WatchAsync(Cart, new Recorder(), default);

        Assert.Equal(1, _source.Calls(Cart));
        Assert.Same(first.Current.Snapshot, second.Current.Snapshot);
        Assert.Equal(0, first.Current.ChangeObservedAt);
        Assert.Equal(1, _cache.IdentityCount);
    }

    [Fact]
    public async Task A_change_recomputes_each_affected_identity_once_and_wakes_all_its_streams()
    {
        _source.Set(Cart, Sidecar());
        _source.Set(Web, Sidecar(cluster: "web-backend"));
        var a = new Recorder();
        var b = new Recorder();
        var web = new Recorder();
        using SnapshotWatch watchA = await _cache.WatchAsync(Cart, a, default);
        using SnapshotWatch watchB = await _cache.WatchAsync(Cart, b, default);
        using SnapshotWatch watchWeb = await _cache.WatchAsync(Web, web, default);

        _source.Set(Cart, Sidecar(cluster: "cart-v2"));
        long before = _cache.CompletedRecomputes;
        _cache.OnMeshChanged(new MeshChange(Cart.AccountId, Cart.MeshName));
        await a.NextAsync();
        await b.NextAsync();
        await Eventually.TrueAsync(() => _cache.CompletedRecomputes > before, "the recompute pass to finish");

        Assert.Equal(2, _source.Calls(Cart));
        Assert.Equal(2, _source.Calls(Web));
        Assert.Equal(["cart-v2"], watchA.Current.Snapshot.Clusters.Items.Select(c => c.Name));
        Assert.NotEqual(0, watchA.Current.ChangeObservedAt);

        // Web was recomputed but its content did not change: its stream is not woken.
        Assert.Equal(0, web.Count);
    }

    [Fact]
    public async Task Changes_to_other_meshes_and_tenants_recompute_nothing_here()
    {
        _source.Set(Cart, Sidecar());
        using SnapshotWatch watch = await _cache.WatchAsync(Cart, new Recorder(), default);
        using SnapshotWatch other = await _cache.WatchAsync(Other, new Recorder(), default);

        long before = _cache.CompletedRecomputes;
        _cache.OnMeshChanged(new MeshChange(Other.AccountId, Other.MeshName));
        _cache.OnMeshChanged(new MeshChange("999999999999", null));
        await Eventually.TrueAsync(() => _cache.CompletedRecomputes > before, "the other mesh's recompute");

        Assert.Equal(1, _source.Calls(Cart));
        Assert.Equal(2, _source.Calls(Other));
    }

    [Fact]
    public async Task Changes_arriving_during_a_recompute_are_coalesced_into_exactly_one_more()
    {
        _source.Set(Cart, Sidecar());
        var recorder = new Recorder();
        using SnapshotWatch watch = await _cache.WatchAsync(Cart, recorder, default);

        _source.Close();
        _cache.OnMeshChanged(new MeshChange(Cart.AccountId, Cart.MeshName));
        await _source.Entered.Task.WaitAsync(Eventually.SafetyTimeout);
        for (int i = 0; i < 10; i++)
        {
            _cache.OnMeshChanged(new MeshChange(Cart.AccountId, null));
        }

        _source.Set(Cart, Sidecar(cluster: "after-burst"));
        long before = _cache.CompletedRecomputes;
        _source.Open();
        await Eventually.TrueAsync(() => _cache.CompletedRecomputes >= before + 2, "the running pass and the one that follows it");
        await recorder.NextAsync();

        // 1 initial load + the running pass + one pass for all ten changes.
        Assert.Equal(3, _source.Calls(Cart));
        Assert.Equal(["after-burst"], watch.Current.Snapshot.Clusters.Items.Select(c => c.Name));
    }

    [Fact]
    public async Task A_node_not_declared_yet_gets_the_missing_snapshot_then_its_configuration()
    {
        var recorder = new Recorder();
        using SnapshotWatch watch = await _cache.WatchAsync(Cart, recorder, default);
        Assert.Same(ProxySnapshot.Missing, watch.Current.Snapshot);

        _source.Set(Cart, Sidecar());
        _cache.OnMeshChanged(MeshChange.Everything);
        await recorder.NextAsync();

        Assert.True(watch.Current.Snapshot.Exists);
    }

    [Fact]
    public async Task A_failing_first_load_fails_the_watch_and_the_next_stream_tries_again()
    {
        _source.Set(Cart, Sidecar());
        _source.FailWith(new InvalidOperationException("database down"));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _cache.WatchAsync(Cart, new Recorder(), default));
        Assert.Equal(0, _cache.IdentityCount);

        _source.FailWith(null);
        using SnapshotWatch watch = await _cache.WatchAsync(Cart, new Recorder(), default);
        Assert.True(watch.Current.Snapshot.Exists);
        Assert.Equal(1, _metrics.RecomputeFailures.Value);
    }

    [Fact]
    public async Task A_failing_recompute_keeps_the_previous_snapshot()
    {
        _source.Set(Cart, Sidecar());
        var recorder = new Recorder();
        using SnapshotWatch watch = await _cache.WatchAsync(Cart, recorder, default);
        ProxySnapshot before = watch.Current.Snapshot;

        _source.FailWith(new InvalidOperationException("database down"));
        long passes = _cache.CompletedRecomputes;
        _cache.OnMeshChanged(MeshChange.Everything);
        await Eventually.TrueAsync(() => _cache.CompletedRecomputes > passes, "the failing pass");

        Assert.Same(before, watch.Current.Snapshot);
        Assert.Equal(0, recorder.Count);
        Assert.Equal(1, _metrics.RecomputeFailures.Value);
    }

    [Fact]
    public async Task The_last_stream_leaving_forgets_the_identity()
    {
        _source.Set(Cart, Sidecar());
        SnapshotWatch first = await _cache.WatchAsync(Cart, new Recorder(), default);
        SnapshotWatch second = await _cache.WatchAsync(Cart, new Recorder(), default);

        first.Dispose();
        Assert.Equal(1, _cache.IdentityCount);
        second.Dispose();
        second.Dispose();
        Assert.Equal(0, _cache.IdentityCount);
    }

    /// <summary>Counts wake-ups and lets a test await the next one.</summary>
    private sealed class Recorder : ISnapshotSubscriber
    {
        private readonly Channel<bool> _signals = Channel.CreateUnbounded<bool>();
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void OnSnapshotChanged()
        {
            Interlocked.Increment(ref _count);
            _signals.Writer.TryWrite(true);
        }

        public async Task NextAsync()
        {
            using var timeout = new CancellationTokenSource(Eventually.SafetyTimeout);
            await _signals.Reader.ReadAsync(timeout.Token);
        }
    }
}
