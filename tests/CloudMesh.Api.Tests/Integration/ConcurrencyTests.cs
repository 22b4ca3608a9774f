using System.Text.Json.Nodes;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Api.Tests.Integration;

[Collection(ApiCollection.Name)]
public sealed class ConcurrencyTests(CloudMeshApiFixture api)
{
    [Fact]
    public async Task Twenty_parallel_updates_of_one_resource_each_get_their_own_version()
    {
        var client = await api.NewTenantClientAsync();
        await new MeshScenario("conc").CreateAllAsync(client);

        var updates = Enumerable.Range(0, 20).Select(i => Task.Run(() => client.PutAsync(
            "/v20190125/meshes/conc/virtualNodes/vn",
            new JsonObject { ["spec"] = MeshScenario.SpecOf(CloudMesh.Api.Core.Resources.ResourceKinds.VirtualNode, i + 1) })));
        var responses = await Task.WhenAll(updates);

        var versions = responses.Select(r => r.EnsureSuccess().Body!["metadata"]!["version"]!.GetValue<long>()).Order();
        Assert.Equal(Enumerable.Range(2, 20).Select(v => (long)v), versions);
        var final = (await client.GetAsync("/v20190125/meshes/conc/virtualNodes/vn")).EnsureSuccess();
        Assert.Equal(21, final.Body!["metadata"]!["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task Concurrent_creates_of_one_name_create_exactly_one_resource()
    {
        var client = await api.NewTenantClientAsync();
        await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "race" });

        var creates = Enumerable.Range(0, 10).Select(_ => Task.Run(() => client.PutAsync("/v20190125/meshes/race/virtualRouters",
            new JsonObject { ["virtualRouterName"] = "vr", ["spec"] = MeshScenario.SpecOf(CloudMesh.Api.Core.Resources.ResourceKinds.VirtualRouter) })));
        var responses = await Task.WhenAll(creates);

        Assert.Single(responses, r => r.Status == System.Net.HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.Status != System.Net.HttpStatusCode.OK), r => Assert.Equal("ConflictException", r.ErrorType));
    }

    [Fact]
    public async Task A_delete_racing_a_create_that_references_it_never_leaves_a_dangling_reference()
    {
        var client = await api.NewTenantClientAsync();
        for (var round = 0; round < 10; round++)
        {
            var mesh = $"dangle-{round}";
            await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = mesh });
            await client.PutAsync($"/v20190125/meshes/{mesh}/virtualNodes", new JsonObject
            {
                ["virtualNodeName"] = "vn",
                ["spec"] = MeshScenario.SpecOf(CloudMesh.Api.Core.Resources.ResourceKinds.VirtualNode),
            });

            var createService = Task.Run(() => client.PutAsync($"/v20190125/meshes/{mesh}/virtualServices", new JsonObject
            {
                ["virtualServiceName"] = "svc",
                ["spec"] = JsonNode.Parse("""{"provider":{"virtualNode":{"virtualNodeName":"vn"}}}"""),
            }));
            var deleteNode = Task.Run(() => client.DeleteAsync($"/v20190125/meshes/{mesh}/virtualNodes/vn"));
            var (created, deleted) = (await createService, await deleteNode);

            // Exactly one of them wins: either the service exists and the node is still there, or the node is gone and so is the service.
            var serviceExists = (await client.GetAsync($"/v20190125/meshes/{mesh}/virtualServices/svc")).Status == System.Net.HttpStatusCode.OK;
            var nodeExists = (await client.GetAsync($"/v20190125/meshes/{mesh}/virtualNodes/vn")).Status == System.Net.HttpStatusCode.OK;
            Assert.True(!serviceExists || nodeExists, $"round {round}: create={created} delete={deleted}");
            Assert.NotEqual(created.Status == System.Net.HttpStatusCode.OK, deleted.Status == System.Net.HttpStatusCode.OK);
        }
    }
}
