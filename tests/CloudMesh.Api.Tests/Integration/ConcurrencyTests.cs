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
    public async Task Parallel_creates_in_one_mesh_stop_exactly_at_the_quota()
    {
        var client = await api.NewTenantClientAsync();
        using var admin = api.AdminHttp();
        (await admin.PutAsync($"/admin/v1/tenants/{client.Credentials.AccountId}/limits",
            new StringContent("""{"quotas":{"virtualNodesPerMesh":7}}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "quota" });

        var creates = Enumerable.Range(0, 30).Select(i => Task.Run(() => client.PutAsync("/v20190125/meshes/quota/virtualNodes",
            new JsonObject { ["virtualNodeName"] = $"vn-{i:D2}", ["spec"] = MeshScenario.SpecOf(CloudMesh.Api.Core.Resources.ResourceKinds.VirtualNode) })));
        var responses = await Task.WhenAll(creates);

        Assert.Equal(7, responses.Count(r => r.Status == System.Net.HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.Status != System.Net.HttpStatusCode.OK), r => Assert.Equal("LimitExceededException", r.ErrorType));
        var listed = (await client.GetAsync("/v20190125/meshes/quota/virtualNodes")).EnsureSuccess().Body!["virtualNodes"]!.AsArray();
        Assert.Equal(7, listed.Count);
    }

    [Fact]
    public async Task A_delete_frees_quota_and_a_quota_lowered_below_the_count_blocks_creates_but_not_deletes()
    {
        var client = await api.NewTenantClientAsync();
        using var admin = api.AdminHttp();
        async Task SetRoutersAsync(int n) => (await admin.PutAsync($"/admin/v1/tenants/{client.Credentials.AccountId}/limits",
            new StringContent($$$"""{"quotas":{"virtualRoutersPerMesh":{{{n}}}}}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        Task<ApiResponse> CreateAsync(string name) => client.PutAsync("/v20190125/meshes/freed/virtualRouters",
            new JsonObject { ["virtualRouterName"] = name, ["spec"] = MeshScenario.SpecOf(CloudMesh.Api.Core.Resources.ResourceKinds.VirtualRouter) });
        await SetRoutersAsync(3);
        await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "freed" });
        foreach (var name in new[] { "a", "b", "c" })
        {
            (await CreateAsync(name)).EnsureSuccess();
        }

        Assert.Equal("LimitExceededException", (await CreateAsync("d")).ErrorType);
        (await client.DeleteAsync("/v20190125/meshes/freed/virtualRouters/a")).EnsureSuccess();
        (await CreateAsync("d")).EnsureSuccess();

        // Creating a name that exists is a conflict, whatever the quota says.
        Assert.Equal("ConflictException", (await CreateAsync("d")).ErrorType);

        await SetRoutersAsync(1);
        Assert.Equal("LimitExceededException", (await CreateAsync("e")).ErrorType);
        (await client.DeleteAsync("/v20190125/meshes/freed/virtualRouters/b")).EnsureSuccess();
        (await client.DeleteAsync("/v20190125/meshes/freed/virtualRouters/c")).EnsureSuccess();
        Assert.Equal("LimitExceededException", (await CreateAsync("e")).ErrorType); // d is still there: 1 of 1
        (await client.DeleteAsync("/v20190125/meshes/freed/virtualRouters/d")).EnsureSuccess();
        (await CreateAsync("e")).EnsureSuccess();
    }

    [Fact]
    public async Task Parallel_requests_with_one_clientToken_apply_once_and_all_answer_the_same()
    {
        var client = await api.NewTenantClientAsync();
        await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "same-token" });
        var spec = MeshScenario.SpecOf(CloudMesh.Api.Core.Resources.ResourceKinds.VirtualRouter);

        var creates = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => client.PutAsync("/v20190125/meshes/same-token/virtualRouters",
            new JsonObject { ["virtualRouterName"] = "vr", ["spec"] = spec.DeepClone(), ["clientToken"] = "create-once" }))));
        var uids = creates.Select(r => r.EnsureSuccess().Body!["metadata"]!["uid"]!.GetValue<string>()).Distinct().ToList();
        Assert.Single(uids);

        var updates = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => client.PutAsync("/v20190125/meshes/same-token/virtualRouters/vr",
            new JsonObject { ["spec"] = MeshScenario.SpecOf(CloudMesh.Api.Core.Resources.ResourceKinds.VirtualRouter, 2), ["clientToken"] = "update-once" }))));
        Assert.All(updates, r => Assert.Equal(2, r.EnsureSuccess().Body!["metadata"]!["version"]!.GetValue<long>()));
        var final = (await client.GetAsync("/v20190125/meshes/same-token/virtualRouters/vr")).EnsureSuccess();
        Assert.Equal(2, final.Body!["metadata"]!["version"]!.GetValue<long>());
        Assert.Equal(uids[0], final.Body!["metadata"]!["uid"]!.GetValue<string>());
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
