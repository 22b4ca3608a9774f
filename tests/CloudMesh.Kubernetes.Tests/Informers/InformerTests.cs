using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Informers;
using CloudMesh.Kubernetes.Tests.Fakes;
using CloudMesh.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using static CloudMesh.Kubernetes.Tests.Fakes.TestTypes;

namespace CloudMesh.Kubernetes.Tests.Informers;

/// <summary>The informer's list+watch loop against the fake API server (no real one can run here).</summary>
public sealed class InformerTests : IAsyncLifetime
{
    private FakeKubernetesApiServer _server = null!;
    private KubernetesClient _client = null!;
    private readonly CancellationTokenSource _stop = new();

    public async Task InitializeAsync()
    {
        _server = await FakeKubernetesApiServer.StartAsync(Widgets);
        _client = new KubernetesClient(_server.ClientOptions);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private (Informer Informer, Task Run, ConcurrentQueue<(WatchEventType, string)> Events) Start(TimeSpan? watchTimeout = null)
    {
        var informer = new Informer(_client, Widgets, NullLogger.Instance) { WatchTimeout = watchTimeout ?? TimeSpan.FromMinutes(5) };
        var events = new ConcurrentQueue<(WatchEventType, string)>();
        informer.Changed += (type, obj) => events.Enqueue((type, KubernetesObjects.Key(obj)));
        return (informer, informer.RunAsync(_stop.Token), events);
    }

    [Fact]
    public async Task Lists_then_follows_changes_into_its_cache()
    {
        _server.Create(Widgets, Widget("a"));
        var (informer, _, events) = Start();
        await informer.Synced;
        Assert.Equal(["default/a"], informer.Items.Select(KubernetesObjects.Key));

        _server.Create(Widgets, Widget("b", "other"));
        await _client.PatchAsync(Widgets, "default", "a", new JsonObject { ["spec"] = new JsonObject { ["size"] = 7 } }, default);
        await _client.DeleteAsync(Widgets, "other", "b", default);

        await Eventually.TrueAsync(() => events.Count == 4, "four events");
        Assert.Equal(
            [(WatchEventType.Added, "default/a"), (WatchEventType.Added, "other/b"), (WatchEventType.Modified, "default/a"), (WatchEventType.Deleted, "other/b")],
            events.ToArray());
        Assert.Equal(7, informer.Get("default/a")!["spec"]!["size"]!.GetValue<int>());
        Assert.Null(informer.Get("other/b"));
        Assert.Equal(1, informer.ListCount);
    }

    [Fact]
    public async Task A_410_gone_makes_it_list_again_and_report_what_it_missed()
    {
        _server.Create(Widgets, Widget("a"));
        _server.Create(Widgets, Widget("b"));
        var (informer, _, events) = Start();
        await informer.Synced;

        // Changes happen, then the history is compacted: the open watch ends with 410 and the informer relists.
        await _client.DeleteAsync(Widgets, "default", "b", default);
        await Eventually.TrueAsync(() => informer.Get("default/b") is null, "b deleted");
        _server.Compact();
        _server.Create(Widgets, Widget("c"));

        await Eventually.TrueAsync(() => informer.Get("default/c") is not null, "c seen after the relist");
        Assert.True(informer.ListCount >= 2, $"listed {informer.ListCount} times");
        Assert.True(_server.ListCount("widgets") >= 2);
        Assert.Equal(["default/a", "default/c"], informer.Items.Select(KubernetesObjects.Key).Order());
    }

    [Fact]
    public async Task Watches_again_from_the_last_version_when_the_server_ends_the_stream_and_follows_bookmarks()
    {
        var (informer, _, events) = Start(watchTimeout: TimeSpan.FromSeconds(1));
        await informer.Synced;
        await Task.Delay(1500); // the first watch times out and the informer watches again, without listing
        _server.Create(Widgets, Widget("late"));
        await Eventually.TrueAsync(() => informer.Get("default/late") is not null, "late seen");

        _server.SendBookmarks();
        await Eventually.TrueAsync(() => informer.LastResourceVersion == _server.CurrentResourceVersion, "bookmark followed");
        Assert.Equal(1, informer.ListCount);
        Assert.Equal([(WatchEventType.Added, "default/late")], events.ToArray());
    }
}
