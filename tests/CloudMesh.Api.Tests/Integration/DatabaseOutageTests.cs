using System.Net;
using System.Text.Json.Nodes;
using CloudMesh.Api.Hosting;
using CloudMesh.EmbeddedPostgres;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Api.Tests.Integration;

/// <summary>The API on a PostgreSQL of its own that the test stops and starts again.</summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("cloudmesh-outage");
    private PostgresClusterOptions _clusterOptions = null!;
    private PostgresCluster _cluster = null!;
    private CloudMeshServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _clusterOptions = new PostgresClusterOptions { DataDirectory = _dir.Combine("pg"), Persistent = true, Port = FreePort.Get() };
        _cluster = await PostgresCluster.StartAsync(_clusterOptions);
        _server = await CloudMeshHost.StartAsync(new CloudMeshOptions
        {
            Database = _cluster.ConnectionString + ";Timeout=3;Command Timeout=5",
            Home = _dir.Combine("home"),
            AdminToken = "outage-admin",
            CreateDefaultTenant = false,
            XdsUrl = $"http://127.0.0.1:{FreePort.Get()}",
        }, ["--urls", $"http://127.0.0.1:{FreePort.Get()}"], _ => { });
        _http = new HttpClient { BaseAddress = _server.Endpoint };
    }

    [Fact]
    public async Task Writes_answer_service_unavailable_while_the_database_is_down_and_recover_by_themselves()
    {
        var client = new AppMeshTestClient(_http, await CloudMeshApiFixture.CreateTenantAsync(_http, "outage-admin"));
        (await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "before" })).EnsureSuccess();

        await _cluster.StopAsync();
        // The access key is cached, so the request gets past authentication and reaches the database.
        var during = await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "during" });
        var ready = await _http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.Status);
        Assert.Equal("ServiceUnavailableException", during.ErrorType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);

        _cluster = await PostgresCluster.StartAsync(_clusterOptions);
        ApiResponse after;
        var attempts = 0;
        do
        {
            // The pool discards connections broken by the restart; a bounded number of retries sees it heal.
            after = await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "after" });
        }
        while (after.Status == HttpStatusCode.ServiceUnavailable && ++attempts < 50 && await Delay());

        Assert.Equal(HttpStatusCode.OK, after.Status);
        var names = (await client.GetAsync("/v20190125/meshes")).Body!["meshes"]!.AsArray().Select(m => m!["meshName"]!.GetValue<string>());
        Assert.Equal(["after", "before"], names.Order());
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await _cluster.DisposeAsync();
        _dir.Dispose();
    }
}
