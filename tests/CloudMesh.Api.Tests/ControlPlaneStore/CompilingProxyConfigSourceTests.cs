using System.Text.Json.Nodes;
using CloudMesh.Api.Tests.Integration;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Postgres;
using CloudMesh.ControlPlane.Sources;
using CloudMesh.TestSupport.ApiServer;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace CloudMesh.Api.Tests.ControlPlaneStore;

/// <summary>The production config source: real API writes, loaded from PostgreSQL, compiled, cached and invalidated.</summary>
[Collection(ApiCollection.Name)]
public sealed class CompilingProxyConfigSourceTests(CloudMeshApiFixture api) : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;

    public Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(api.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task Configs_are_compiled_once_per_mesh_version_and_follow_invalidation()
    {
        var client = await api.NewTenantClientAsync();
        var account = client.Credentials.AccountId;
        (await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "m" })).EnsureSuccess();
        (await client.PutAsync("/v20190125/meshes/m/virtualNodes", new JsonObject
        {
            ["virtualNodeName"] = "web",
            ["spec"] = JsonNode.Parse("""{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}]}"""),
        })).EnsureSuccess();
        var loads = new CountingLoader(new PostgresMeshSnapshotLoader(_dataSource, new ControlPlaneStoreOptions()));
        var source = new CompilingProxyConfigSource(loads, NullLogger<CompilingProxyConfigSource>.Instance);
        var web = new ProxyIdentity(account, "m", ProxyKind.VirtualNode, "web");

        var first = await source.GetConfigAsync(web, CancellationToken.None);
        var again = await source.GetConfigAsync(web, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Same(first, again);
        Assert.Equal(1, loads.Count);
        Assert.Contains(first.Listeners, l => l.Name.Contains("ingress", StringComparison.Ordinal));
        Assert.Null(await source.GetConfigAsync(web with { Name = "absent" }, CancellationToken.None));
        Assert.Null(await source.GetConfigAsync(web with { MeshName = "absent" }, CancellationToken.None));

        (await client.PutAsync("/v20190125/meshes/m/virtualNodes/web", new JsonObject
        {
            ["spec"] = JsonNode.Parse("""{"listeners":[{"portMapping":{"port":9090,"protocol":"http"}}]}"""),
        })).EnsureSuccess();
        Assert.Same(first, await source.GetConfigAsync(web, CancellationToken.None)); // nothing told it yet

        source.Invalidate(new MeshChange(account, "other-mesh"));
        Assert.Same(first, await source.GetConfigAsync(web, CancellationToken.None));

        source.Invalidate(new MeshChange(account, "m"));
        var updated = await source.GetConfigAsync(web, CancellationToken.None);
        Assert.NotSame(first, updated);
        Assert.Contains("9090", XdsText(updated!), StringComparison.Ordinal);
        Assert.DoesNotContain("8080", XdsText(updated!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_load_is_not_cached()
    {
        var failing = new FailingOnceLoader();
        var source = new CompilingProxyConfigSource(failing, NullLogger<CompilingProxyConfigSource>.Instance);
        var proxy = new ProxyIdentity("123456789012", "m", ProxyKind.VirtualNode, "web");

        await Assert.ThrowsAsync<NpgsqlException>(async () => await source.GetConfigAsync(proxy, CancellationToken.None));
        Assert.Null(await source.GetConfigAsync(proxy, CancellationToken.None));
        Assert.Equal(2, failing.Calls);
    }

    private static string XdsText(ProxyConfig config) => CloudMesh.ControlPlane.Compiler.XdsJson.Format(config);

    private sealed class CountingLoader(IMeshSnapshotLoader inner) : IMeshSnapshotLoader
    {
        public int Count;

        public ValueTask<MeshSnapshot?> LoadAsync(string accountId, string meshName, CancellationToken cancellationToken)
        {
            if (meshName == "m")
            {
                Interlocked.Increment(ref Count);
            }

            return inner.LoadAsync(accountId, meshName, cancellationToken);
        }
    }

    /// <summary>Stands in for a database outage on the first call (the outage itself is covered by DatabaseOutageTests).</summary>
    private sealed class FailingOnceLoader : IMeshSnapshotLoader
    {
        public int Calls;

        public ValueTask<MeshSnapshot?> LoadAsync(string accountId, string meshName, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref Calls) == 1
                ? ValueTask.FromException<MeshSnapshot?>(new NpgsqlException("connection refused"))
                : ValueTask.FromResult<MeshSnapshot?>(null);
    }
}
