using System.Net;
using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Tests.Fakes;
using Xunit;
using static CloudMesh.Kubernetes.Tests.Fakes.TestTypes;

namespace CloudMesh.Kubernetes.Tests.Client;

/// <summary>The REST client against the fake API server (no real API server can run here; see <see cref="FakeKubernetesApiServer"/>).</summary>
public sealed class KubernetesClientTests : IAsyncLifetime
{
    private FakeKubernetesApiServer _server = null!;
    private KubernetesClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeKubernetesApiServer.StartAsync(Widgets);
        _client = new KubernetesClient(_server.ClientOptions);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task List_returns_items_with_kind_and_the_collection_resource_version()
    {
        await _client.CreateAsync(Widgets, Widget("a"), default);
        await _client.CreateAsync(Widgets, Widget("b", "other"), default);

        var all = await _client.ListAsync(Widgets, null, default);
        var inDefault = await _client.ListAsync(Widgets, "default", default);

        Assert.Equal(["a", "b"], all.Items.Select(KubernetesObjects.Name));
        Assert.All(all.Items, i => Assert.Equal("Widget", i["kind"]!.GetValue<string>()));
        Assert.Equal(_server.CurrentResourceVersion, all.ResourceVersion);
        Assert.Equal(["a"], inDefault.Items.Select(KubernetesObjects.Name));
    }

    [Fact]
    public async Task Watch_replays_changes_after_the_resource_version_then_streams_live_ones()
    {
        await _client.CreateAsync(Widgets, Widget("before"), default);
        var list = await _client.ListAsync(Widgets, null, default);
        await _client.CreateAsync(Widgets, Widget("after-list"), default);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<WatchEvent>();
        await foreach (var e in _client.WatchAsync(Widgets, null, list.ResourceVersion, TimeSpan.FromSeconds(30), cts.Token))
        {
            events.Add(e);
            if (events.Count == 1)
            {
                await _client.PatchAsync(Widgets, "default", "after-list", new JsonObject { ["spec"] = new JsonObject { ["size"] = 2 } }, default);
                await _client.DeleteAsync(Widgets, "default", "before", default);
            }

            if (events.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal(["after-list", "after-list", "before"], events.Select(e => KubernetesObjects.Name(e.Object)));
        Assert.Equal(2, events[1].Object["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task Watch_from_a_compacted_resource_version_is_410_gone()
    {
        var list = await _client.ListAsync(Widgets, null, default);
        await _client.CreateAsync(Widgets, Widget("a"), default);
        _server.Compact();

        var events = new List<WatchEvent>();
        await foreach (var e in _client.WatchAsync(Widgets, null, list.ResourceVersion, TimeSpan.FromSeconds(30), default))
        {
            events.Add(e);
        }

        var error = Assert.Single(events);
        Assert.Equal(WatchEventType.Error, error.Type);
        Assert.True(KubernetesApiException.FromStatus(HttpStatusCode.OK, error.Object).IsGone);
    }

    [Fact]
    public async Task Merge_patch_changes_metadata_and_spec_and_status_only_through_the_subresource()
    {
        var created = await _client.CreateAsync(Widgets, Widget("a"), default);
        Assert.Equal(1, KubernetesObjects.Generation(created));

        var patched = await _client.PatchAsync(Widgets, "default", "a", new JsonObject
        {
            ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray("example.com/f") },
            ["status"] = new JsonObject { ["ignored"] = true },
        }, default);
        Assert.Equal(["example.com/f"], KubernetesObjects.Finalizers(patched));
        Assert.Null(patched["status"]);
        Assert.Equal(1, KubernetesObjects.Generation(patched)); // metadata changes do not bump the generation

        var withStatus = await _client.PatchStatusAsync(Widgets, "default", "a", new JsonObject
        {
            ["status"] = new JsonObject { ["ready"] = true },
            ["spec"] = new JsonObject { ["size"] = 99 },
        }, default);
        Assert.True(withStatus["status"]!["ready"]!.GetValue<bool>());
        Assert.Equal(1, withStatus["spec"]!["size"]!.GetValue<int>());

        var respecced = await _client.PatchAsync(Widgets, "default", "a", new JsonObject { ["spec"] = new JsonObject { ["size"] = 3 } }, default);
        Assert.Equal(2, KubernetesObjects.Generation(respecced));
    }

    [Fact]
    public async Task A_stale_resource_version_precondition_is_a_409_conflict()
    {
        var created = await _client.CreateAsync(Widgets, Widget("a"), default);
        await _client.PatchAsync(Widgets, "default", "a", new JsonObject { ["spec"] = new JsonObject { ["size"] = 2 } }, default);

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => _client.PatchAsync(Widgets, "default", "a", new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = KubernetesObjects.ResourceVersion(created) },
            ["spec"] = new JsonObject { ["size"] = 5 },
        }, default));
        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
    }

    [Fact]
    public async Task Finalizers_block_deletion_until_they_are_removed()
    {
        var widget = Widget("a");
        widget["metadata"]!["finalizers"] = new JsonArray("example.com/f");
        await _client.CreateAsync(Widgets, widget, default);

        Assert.True(await _client.DeleteAsync(Widgets, "default", "a", default));
        var marked = await _client.GetAsync(Widgets, "default", "a", default);
        Assert.NotNull(marked);
        Assert.True(KubernetesObjects.IsBeingDeleted(marked));

        await _client.PatchAsync(Widgets, "default", "a", new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray() } }, default);
        Assert.Null(await _client.GetAsync(Widgets, "default", "a", default));
        Assert.False(await _client.DeleteAsync(Widgets, "default", "a", default));
    }

    [Fact]
    public async Task A_wrong_token_is_rejected()
    {
        using var client = new KubernetesClient(_server.ClientOptions with { Token = "wrong" });
        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.ListAsync(Widgets, null, default));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public void In_cluster_options_come_from_the_service_account_and_the_service_variables()
    {
        using var dir = new CloudMesh.TestSupport.TempDirectory("k8s-sa");
        File.WriteAllText(Path.Combine(dir.Path, "token"), "sa-token\n");
        File.WriteAllText(Path.Combine(dir.Path, "namespace"), "appmesh-system");
        var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        var options = KubernetesClientOptions.InCluster(env.GetValueOrDefault, dir.Path);

        Assert.Equal(new Uri("https://10.96.0.1:443"), options.Server);
        Assert.Equal(Path.Combine(dir.Path, "token"), options.TokenFile);
        Assert.Equal("appmesh-system", options.Namespace);
        Assert.Throws<InvalidOperationException>(() => KubernetesClientOptions.InCluster(_ => null, dir.Path));
    }
}
