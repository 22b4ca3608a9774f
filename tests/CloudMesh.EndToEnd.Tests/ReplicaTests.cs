using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CloudMesh.EndToEnd.Tests.Support;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.EndToEnd.Tests;

/// <summary>
/// Scale-out: three CloudMesh processes against one PostgreSQL, each serving its own proxy. A write made through
/// one replica's API reaches the proxies of all three (through NOTIFY), and each proxy is served by its own replica.
/// </summary>
public sealed class ReplicaTests : IAsyncLifetime
{
    private readonly string _adminToken = "replicas-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private readonly List<ReplicaProcess> _replicas = [];
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync("replicas");
        var encryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // Started together: the migration lock must sort out three first starts on an empty database.
        _replicas.AddRange(await Task.WhenAll(new[] { "replica-a", "replica-b", "replica-c" }.Select(id =>
            ReplicaProcess.StartAsync(id, _database, _adminToken, encryptionKey))));
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_write_through_one_replica_reaches_proxies_on_every_replica()
    {
        var (a, b, c) = (_replicas[0], _replicas[1], _replicas[2]);
        var tenant = await CloudMeshApiFixture.CreateTenantAsync(a.Http, _adminToken);
        var token = await MeshWriter.IssueXdsTokenAsync(a.Http, _adminToken, tenant.AccountId);
        var viaB = new AppMeshTestClient(b.Http, tenant);
        await MeshWriter.CreateAsync(viaB, "/v20190125/meshes", "meshName", "m", "{}");
        foreach (var node in new[] { "one", "two", "three" })
        {
            await MeshWriter.CreateAsync(viaB, "/v20190125/meshes/m/virtualNodes", "virtualNodeName", node,
                """{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}],"serviceDiscovery":{"dns":{"hostname":"x.local"}},"backends":[{"virtualService":{"virtualServiceName":"api.local"}}]}""");
        }

        await MeshWriter.CreateAsync(viaB, "/v20190125/meshes/m/virtualNodes", "virtualNodeName", "api",
            """{"listeners":[{"portMapping":{"port":7000,"protocol":"http"}}],"serviceDiscovery":{"dns":{"hostname":"api.local"}}}""");
        var proxies = new[]
        {
            await XdsTestClient.ConnectAsync(a.XdsEndpoint, "mesh/m/virtualNode/one", token),
            await XdsTestClient.ConnectAsync(b.XdsEndpoint, "mesh/m/virtualNode/two", token),
            await XdsTestClient.ConnectAsync(c.XdsEndpoint, "mesh/m/virtualNode/three", token),
        };
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var initial = await proxies[i].WaitForAsync(XdsTestClient.ClusterType, r => r.Resources.Count > 0);
                Assert.Equal(_replicas[i].ReplicaId, initial.ControlPlane.Identifier);
                Assert.DoesNotContain(XdsTestClient.Names(initial), n => n.Contains("_api_", StringComparison.Ordinal));
            }

            // One write, through replica C's API: the backend's virtual service comes into being.
            await MeshWriter.CreateAsync(new AppMeshTestClient(c.Http, tenant), "/v20190125/meshes/m/virtualServices", "virtualServiceName", "api.local",
                """{"provider":{"virtualNode":{"virtualNodeName":"api"}}}""");

            for (var i = 0; i < 3; i++)
            {
                var updated = await proxies[i].WaitForAsync(XdsTestClient.ClusterType,
                    r => XdsTestClient.Names(r).Any(n => n.Contains("_api_", StringComparison.Ordinal)));
                Assert.Equal(_replicas[i].ReplicaId, updated.ControlPlane.Identifier);
            }

            // Each replica reports only the proxy it serves, under its own id.
            for (var i = 0; i < 3; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/debug/proxies");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
                using var response = await _replicas[i].Http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, text);
                Assert.Contains(_replicas[i].ReplicaId, text, StringComparison.Ordinal);
                Assert.Contains($"virtualNode/{new[] { "one", "two", "three" }[i]}", text, StringComparison.Ordinal);
                Assert.DoesNotContain($"virtualNode/{new[] { "one", "two", "three" }[(i + 1) % 3]}", text, StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var proxy in proxies)
            {
                await proxy.DisposeAsync();
            }
        }
    }
}
