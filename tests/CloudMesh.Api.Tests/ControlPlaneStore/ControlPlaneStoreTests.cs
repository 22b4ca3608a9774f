using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Postgres;
using CloudMesh.ControlPlane.Sources;
using CloudMesh.Api.Tests.Integration;
using CloudMesh.TestSupport.ApiServer;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace CloudMesh.Api.Tests.ControlPlaneStore;

/// <summary>
/// The control plane's PostgreSQL adapters against the real server's database: what API writes look like
/// as a snapshot, which writes reach the change feed, and the endpoint registry's leases.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ControlPlaneStoreTests(CloudMeshApiFixture api) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30); // a safety net, not an expectation
    private NpgsqlDataSource _dataSource = null!;

    public Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(api.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    private static async Task CreateAsync(AppMeshTestClient client, string path, string nameMember, string name, string spec) =>
        (await client.PutAsync(path, new JsonObject { [nameMember] = name, ["spec"] = JsonNode.Parse(spec) })).EnsureSuccess();

    [Fact]
    public async Task A_snapshot_holds_every_resource_of_the_mesh_in_order_with_live_instances()
    {
        var client = await api.NewTenantClientAsync();
        var account = client.Credentials.AccountId;
        await CreateAsync(client, "/v20190125/meshes", "meshName", "shop", """{"egressFilter":{"type":"ALLOW_ALL"}}""");
        await CreateAsync(client, "/v20190125/meshes", "meshName", "elsewhere", "{}");
        const string node = """{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}],"serviceDiscovery":{"awsCloudMap":{"namespaceName":"ns","serviceName":"s"}}}""";
        await CreateAsync(client, "/v20190125/meshes/shop/virtualNodes", "virtualNodeName", "web-b", node);
        await CreateAsync(client, "/v20190125/meshes/shop/virtualNodes", "virtualNodeName", "web-a", node);
        await CreateAsync(client, "/v20190125/meshes/elsewhere/virtualNodes", "virtualNodeName", "other", node);
        await CreateAsync(client, "/v20190125/meshes/shop/virtualRouters", "virtualRouterName", "router", """{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}]}""");
        await CreateAsync(client, "/v20190125/meshes/shop/virtualRouter/router/routes", "routeName", "r1",
            """{"httpRoute":{"match":{"prefix":"/"},"action":{"weightedTargets":[{"virtualNode":"web-a","weight":1}]}}}""");
        await CreateAsync(client, "/v20190125/meshes/shop/virtualServices", "virtualServiceName", "web.local", """{"provider":{"virtualRouter":{"virtualRouterName":"router"}}}""");
        await CreateAsync(client, "/v20190125/meshes/shop/virtualGateways", "virtualGatewayName", "gw", """{"listeners":[{"portMapping":{"port":8443,"protocol":"http"}}]}""");
        await CreateAsync(client, "/v20190125/meshes/shop/virtualGateway/gw/gatewayRoutes", "gatewayRouteName", "to-web",
            """{"httpRoute":{"match":{"prefix":"/"},"action":{"target":{"virtualService":{"virtualServiceName":"web.local"}}}}}""");
        (await client.PutAsync("/cloudmesh/v1/meshes/shop/virtualNodes/web-a/instances/i-2", new JsonObject { ["address"] = "10.0.0.2", ["attributes"] = new JsonObject { ["az"] = "a" } })).EnsureSuccess();
        (await client.PutAsync("/cloudmesh/v1/meshes/shop/virtualNodes/web-a/instances/i-1", new JsonObject { ["address"] = "10.0.0.1", ["port"] = 8080, ["healthStatus"] = "UNHEALTHY" })).EnsureSuccess();
        var expired = new EndpointRegistry(_dataSource, new ControlPlaneStoreOptions(), new ShiftedTime(TimeSpan.FromHours(-1)), NullLogger<EndpointRegistry>.Instance);
        await expired.RegisterAsync(new ProxyIdentity(account, "shop", ProxyKind.VirtualNode, "web-b"), "stale", "10.0.0.9", 8080, CancellationToken.None);

        var loader = new PostgresMeshSnapshotLoader(_dataSource, new ControlPlaneStoreOptions { Region = "eu-west-1" });
        var snapshot = await loader.LoadAsync(account, "shop", CancellationToken.None);

        Assert.NotNull(snapshot);
        Assert.Equal(("shop", account, "eu-west-1"), (snapshot.MeshName, snapshot.AccountId, snapshot.Region));
        Assert.Equal("ALLOW_ALL", snapshot.Mesh.Spec.GetProperty("egressFilter").GetProperty("type").GetString());
        Assert.Equal(["web-a", "web-b"], snapshot.VirtualNodes.Select(n => n.Name));
        Assert.Equal(8080, snapshot.VirtualNodes[0].Spec.GetProperty("listeners")[0].GetProperty("portMapping").GetProperty("port").GetInt32());
        Assert.Equal(("router", "r1"), (snapshot.Routes.Single().ParentName, snapshot.Routes.Single().Name));
        Assert.Equal("web.local", snapshot.VirtualServices.Single().Name);
        Assert.Equal("router", snapshot.VirtualRouters.Single().Name);
        Assert.Equal("gw", snapshot.VirtualGateways.Single().Name);
        Assert.Equal(("gw", "to-web"), (snapshot.GatewayRoutes.Single().ParentName, snapshot.GatewayRoutes.Single().Name));
        Assert.Equal(["i-1", "i-2"], snapshot.Instances.Select(i => i.InstanceId));
        Assert.False(snapshot.Instances[0].Healthy);
        Assert.Equal("a", snapshot.Instances[1].Attributes["az"]);
        Assert.Equal(1, snapshot.VirtualNodes[0].Version);

        Assert.Null(await loader.LoadAsync(account, "nope", CancellationToken.None));
        var current = new EndpointRegistry(_dataSource, new ControlPlaneStoreOptions(), TimeProvider.System, NullLogger<EndpointRegistry>.Instance);
        Assert.True(await current.SweepExpiredAsync(CancellationToken.None) >= 1);
        Assert.DoesNotContain("stale", (await loader.LoadAsync(account, "shop", CancellationToken.None))!.Instances.Select(i => i.InstanceId));
    }

    [Fact]
    public async Task Committed_spec_changes_reach_the_change_feed_and_tag_changes_do_not()
    {
        var client = await api.NewTenantClientAsync();
        var account = client.Credentials.AccountId;
        await CreateAsync(client, "/v20190125/meshes", "meshName", "feed", "{}");
        await CreateAsync(client, "/v20190125/meshes", "meshName", "sentinel", "{}");
        var listener = new RecordingListener();
        var invalidator = new RecordingInvalidator(listener);
        var feed = new PostgresChangeFeed(_dataSource, new ControlPlaneStoreOptions(), [invalidator], [listener], NullLogger<PostgresChangeFeed>.Instance);
        await feed.StartAsync(CancellationToken.None);
        try
        {
            await feed.Listening.WaitAsync(Patience);
            await listener.WaitForAsync(MeshChange.Everything);

            await CreateAsync(client, "/v20190125/meshes/feed/virtualNodes", "virtualNodeName", "vn", """{"listeners":[{"portMapping":{"port":80,"protocol":"http"}}]}""");
            await listener.WaitForAsync(new MeshChange(account, "feed"));

            // Tags do not reach proxies; a later write to another mesh proves the tag write sent nothing,
            // since notifications arrive in commit order on the one connection.
            listener.Clear();
            var arn = $"arn:aws:appmesh:us-east-1:{account}:mesh/feed/virtualNode/vn";
            (await client.PutAsync($"/v20190125/tag?resourceArn={Uri.EscapeDataString(arn)}", new JsonObject { ["tags"] = new JsonArray(new JsonObject { ["key"] = "k", ["value"] = "v" }) })).EnsureSuccess();
            (await client.PutAsync("/v20190125/meshes/sentinel", new JsonObject { ["spec"] = JsonNode.Parse("""{"egressFilter":{"type":"ALLOW_ALL"}}""") })).EnsureSuccess();
            await listener.WaitForAsync(new MeshChange(account, "sentinel"));
            Assert.DoesNotContain(new MeshChange(account, "feed"), listener.Seen);

            // Registry writes count: EDS depends on them.
            (await client.PutAsync("/cloudmesh/v1/meshes/feed/virtualNodes/vn/instances/i-1", new JsonObject { ["address"] = "10.0.0.1" })).EnsureSuccess();
            await listener.WaitForAsync(new MeshChange(account, "feed"));
            Assert.True(invalidator.AlwaysBeforeListener);
        }
        finally
        {
            await feed.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Updates_and_deletes_through_the_API_are_announced_after_commit_and_direct_SQL_writes_are_not()
    {
        var client = await api.NewTenantClientAsync();
        var account = client.Credentials.AccountId;
        await CreateAsync(client, "/v20190125/meshes", "meshName", "after", "{}");
        await CreateAsync(client, "/v20190125/meshes", "meshName", "sentinel", "{}");
        await CreateAsync(client, "/v20190125/meshes/after/virtualNodes", "virtualNodeName", "vn", """{"listeners":[{"portMapping":{"port":80,"protocol":"http"}}]}""");
        await using var feed = await ListeningFeedAsync();

        (await client.PutAsync("/v20190125/meshes/after/virtualNodes/vn", new JsonObject { ["spec"] = JsonNode.Parse("""{"listeners":[{"portMapping":{"port":81,"protocol":"http"}}]}""") })).EnsureSuccess();
        await feed.Listener.WaitForAsync(new MeshChange(account, "after"));
        feed.Listener.Clear();
        (await client.DeleteAsync("/v20190125/meshes/after/virtualNodes/vn")).EnsureSuccess();
        await feed.Listener.WaitForAsync(new MeshChange(account, "after"));

        // Announcing is the API's job since migration 0003 (no trigger on resources): a row changed behind its back
        // is only picked up by the periodic resync. A later API write proves nothing was sent for it.
        feed.Listener.Clear();
        await using (var direct = _dataSource.CreateCommand("UPDATE resources SET spec = '{\"egressFilter\":{\"type\":\"ALLOW_ALL\"}}' WHERE account_id = $1 AND kind = 'mesh' AND name = 'after'"))
        {
            direct.Parameters.Add(new NpgsqlParameter { Value = account });
            Assert.Equal(1, await direct.ExecuteNonQueryAsync());
        }

        (await client.PutAsync("/v20190125/meshes/sentinel", new JsonObject { ["spec"] = JsonNode.Parse("""{"egressFilter":{"type":"ALLOW_ALL"}}""") })).EnsureSuccess();
        await feed.Listener.WaitForAsync(new MeshChange(account, "sentinel"));
        Assert.DoesNotContain(new MeshChange(account, "after"), feed.Listener.Seen);
    }

    [Fact]
    public async Task Deleting_a_tenant_announces_every_mesh_it_had()
    {
        var client = await api.NewTenantClientAsync();
        var account = client.Credentials.AccountId;
        await CreateAsync(client, "/v20190125/meshes", "meshName", "one", "{}");
        await CreateAsync(client, "/v20190125/meshes", "meshName", "two", "{}");
        await using var feed = await ListeningFeedAsync();

        using var admin = api.AdminHttp();
        (await admin.DeleteAsync($"/admin/v1/tenants/{account}")).EnsureSuccessStatusCode();

        await feed.Listener.WaitForAsync(new MeshChange(account, "one"));
        await feed.Listener.WaitForAsync(new MeshChange(account, "two"));
    }

    [Fact]
    public async Task The_publisher_announces_every_distinct_change_of_a_burst()
    {
        await using var feed = await ListeningFeedAsync();
        var publisher = new CloudMesh.Api.Persistence.MeshChangePublisher(_dataSource, NullLogger<CloudMesh.Api.Persistence.MeshChangePublisher>.Instance);
        await publisher.StartAsync(CancellationToken.None);
        try
        {
            var expected = Enumerable.Range(0, 40).Select(i => new MeshChange("999988887777", $"burst-{i}")).ToList();
            Parallel.For(0, 400, i => publisher.Publish("999988887777", $"burst-{i % 40}"));

            foreach (var change in expected)
            {
                await feed.Listener.WaitForAsync(change);
            }
        }
        finally
        {
            await publisher.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A change feed on the server's database that has started listening (its first Everything seen).</summary>
    private async Task<StartedFeed> ListeningFeedAsync()
    {
        var listener = new RecordingListener();
        var feed = new PostgresChangeFeed(_dataSource, new ControlPlaneStoreOptions(), [], [listener], NullLogger<PostgresChangeFeed>.Instance);
        await feed.StartAsync(CancellationToken.None);
        await feed.Listening.WaitAsync(Patience);
        await listener.WaitForAsync(MeshChange.Everything);
        return new StartedFeed(feed, listener);
    }

    private sealed record StartedFeed(PostgresChangeFeed Feed, RecordingListener Listener) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Feed.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Re_registration_renews_a_lapsed_lease_and_deregistration_removes_only_this_replicas()
    {
        var client = await api.NewTenantClientAsync();
        var account = client.Credentials.AccountId;
        await CreateAsync(client, "/v20190125/meshes", "meshName", "lease", "{}");
        await CreateAsync(client, "/v20190125/meshes/lease/virtualNodes", "virtualNodeName", "vn", """{"listeners":[{"portMapping":{"port":80,"protocol":"http"}}]}""");
        var proxy = new ProxyIdentity(account, "lease", ProxyKind.VirtualNode, "vn");
        var past = new ShiftedTime(TimeSpan.FromMinutes(-10));
        var replicaA = new EndpointRegistry(_dataSource, new ControlPlaneStoreOptions { ReplicaId = "a" }, past, NullLogger<EndpointRegistry>.Instance);
        var replicaB = new EndpointRegistry(_dataSource, new ControlPlaneStoreOptions { ReplicaId = "b" }, past, NullLogger<EndpointRegistry>.Instance);
        await replicaA.RegisterAsync(proxy, "from-a", "10.0.0.1", 80, CancellationToken.None);
        await replicaB.RegisterAsync(proxy, "from-b", "10.0.0.2", 80, CancellationToken.None);
        await replicaA.RegisterAsync(proxy with { Name = "missing" }, "ghost", "10.0.0.3", 80, CancellationToken.None);
        await replicaA.RegisterAsync(proxy with { Kind = ProxyKind.VirtualGateway }, "gateway", "10.0.0.4", 80, CancellationToken.None);
        async Task<string[]> LiveAsync() =>
            [.. ((await client.GetAsync("/cloudmesh/v1/meshes/lease/virtualNodes/vn/instances")).EnsureSuccess().Body!["instances"]!.AsArray()).Select(i => i!["instanceId"]!.GetValue<string>())];

        Assert.Empty(await LiveAsync()); // both leases were taken 10 minutes ago and have lapsed

        // The ADS server re-registers each open stream's instance: that is the renewal.
        var now = new EndpointRegistry(_dataSource, new ControlPlaneStoreOptions { ReplicaId = "a" }, TimeProvider.System, NullLogger<EndpointRegistry>.Instance);
        await now.RegisterAsync(proxy, "from-a", "10.0.0.1", 80, CancellationToken.None);
        Assert.Equal(["from-a"], await LiveAsync());

        Assert.True(await now.SweepExpiredAsync(CancellationToken.None) >= 1);
        await replicaB.DeregisterAsync(proxy, "from-a", CancellationToken.None); // not b's lease: stays
        Assert.Equal(["from-a"], await LiveAsync());
        await now.DeregisterAsync(proxy, "from-a", CancellationToken.None);
        Assert.Empty(await LiveAsync());
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }

    private sealed class RecordingListener : IMeshChangeListener
    {
        private readonly ConcurrentQueue<MeshChange> _seen = new();
        private readonly SemaphoreSlim _signal = new(0);

        public IReadOnlyCollection<MeshChange> Seen => _seen;

        private int _total;

        /// <summary>Every change ever seen, including those cleared since.</summary>
        public int Total => Volatile.Read(ref _total);

        public void OnMeshChanged(MeshChange change)
        {
            _seen.Enqueue(change);
            Interlocked.Increment(ref _total);
            _signal.Release();
        }

        public void Clear() => _seen.Clear();

        public async Task WaitForAsync(MeshChange expected)
        {
            using var timeout = new CancellationTokenSource(Patience);
            while (!_seen.Contains(expected))
            {
                await _signal.WaitAsync(timeout.Token);
            }
        }
    }

    private sealed class RecordingInvalidator(RecordingListener listener) : IConfigCacheInvalidator
    {
        private int _invalidations;

        public bool AlwaysBeforeListener { get; private set; } = true;

        public void Invalidate(MeshChange change)
        {
            // Each invalidation must precede the listener's call for the same change.
            if (listener.Total != _invalidations)
            {
                AlwaysBeforeListener = false;
            }

            _invalidations++;
        }
    }
}
