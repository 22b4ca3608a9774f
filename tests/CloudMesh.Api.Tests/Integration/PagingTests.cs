using System.Net;
using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Api.Tests.Integration;

[Collection(ApiCollection.Name)]
public sealed class PagingTests(CloudMeshApiFixture api)
{
    private static async Task CreateNodesAsync(AppMeshTestClient client, string mesh, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            (await client.PutAsync($"/v20190125/meshes/{mesh}/virtualNodes", new JsonObject
            {
                ["virtualNodeName"] = name,
                ["spec"] = MeshScenario.SpecOf(ResourceKinds.VirtualNode),
            })).EnsureSuccess();
        }
    }

    private static async Task<List<string>> ListAllAsync(AppMeshTestClient client, string mesh, int limit, Func<Task>? betweenPages = null)
    {
        var names = new List<string>();
        string? token = null;
        do
        {
            var query = $"?limit={limit}" + (token is null ? "" : "&nextToken=" + Uri.EscapeDataString(token));
            var page = (await client.GetAsync($"/v20190125/meshes/{mesh}/virtualNodes{query}")).EnsureSuccess().Body!;
            var items = page["virtualNodes"]!.AsArray();
            Assert.True(items.Count <= limit);
            names.AddRange(items.Select(i => i!["virtualNodeName"]!.GetValue<string>()));
            token = page["nextToken"]?.GetValue<string>();
            if (betweenPages is not null)
            {
                await betweenPages();
            }
        }
        while (token is not null);

        return names;
    }

    [Fact]
    public async Task Pages_return_every_resource_once_in_a_stable_order()
    {
        var client = await api.NewTenantClientAsync();
        await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "paging" });
        var expected = Enumerable.Range(0, 23).Select(i => $"node-{i:D2}").ToList();
        await CreateNodesAsync(client, "paging", expected.AsEnumerable().Reverse());

        foreach (var limit in new[] { 1, 5, 22, 23, 100 })
        {
            Assert.Equal(expected, await ListAllAsync(client, "paging", limit));
        }
    }

    [Fact]
    public async Task Writes_between_pages_never_skip_or_repeat_what_existed_throughout()
    {
        var client = await api.NewTenantClientAsync();
        await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "churn" });
        var stable = Enumerable.Range(0, 40).Select(i => $"stable-{i:D2}").ToList();
        await CreateNodesAsync(client, "churn", stable);
        var churn = 0;

        var listed = await ListAllAsync(client, "churn", 7, async () =>
        {
            // Insert names before and after the cursor, and delete one we inserted earlier.
            var n = churn++;
            await CreateNodesAsync(client, "churn", [$"a-{n:D2}", $"stable-{n:D2}-x", $"zz-{n:D2}"]);
            if (n > 0)
            {
                (await client.DeleteAsync($"/v20190125/meshes/churn/virtualNodes/stable-{n - 1:D2}-x")).EnsureSuccess();
            }
        });

        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.All(stable, name => Assert.Single(listed, name));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=abc")]
    [InlineData("nextToken=garbage")]
    public async Task Bad_paging_parameters_are_bad_requests(string query)
    {
        var client = await api.NewTenantClientAsync();
        await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "badpage" });

        var response = await client.GetAsync($"/v20190125/meshes/badpage/virtualNodes?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BadRequestException", response.ErrorType);
        Assert.Contains(query.Split('=')[0], response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_is_bound_to_its_listing_and_tenant()
    {
        var client = await api.NewTenantClientAsync();
        var other = await api.NewTenantClientAsync();
        foreach (var (c, mesh) in new[] { (client, "p1"), (client, "p2"), (other, "p1") })
        {
            await c.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = mesh });
            await CreateNodesAsync(c, mesh, ["a", "b"]);
        }

        var token = (await client.GetAsync("/v20190125/meshes/p1/virtualNodes?limit=1")).Body!["nextToken"]!.GetValue<string>();

        Assert.Equal("BadRequestException", (await client.GetAsync($"/v20190125/meshes/p2/virtualNodes?nextToken={Uri.EscapeDataString(token)}")).ErrorType);
        Assert.Equal("BadRequestException", (await client.GetAsync($"/v20190125/meshes/p1/virtualRouters?nextToken={Uri.EscapeDataString(token)}")).ErrorType);
        Assert.Equal("BadRequestException", (await other.GetAsync($"/v20190125/meshes/p1/virtualNodes?nextToken={Uri.EscapeDataString(token)}")).ErrorType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v20190125/meshes/p1/virtualNodes?nextToken={Uri.EscapeDataString(token)}")).Status);
    }

    [Fact]
    public async Task A_listing_in_a_missing_mesh_or_router_is_not_found_even_with_a_bad_token()
    {
        var client = await api.NewTenantClientAsync();
        await client.PutAsync("/v20190125/meshes", new JsonObject { ["meshName"] = "here" });

        var noMesh = await client.GetAsync("/v20190125/meshes/nowhere/virtualNodes?nextToken=garbage");
        Assert.Equal("NotFoundException", noMesh.ErrorType);
        Assert.Contains("mesh 'nowhere'", noMesh.Message, StringComparison.Ordinal);
        var noRouter = await client.GetAsync("/v20190125/meshes/here/virtualRouter/nope/routes");
        Assert.Equal("NotFoundException", noRouter.ErrorType);
        Assert.Contains("virtualRouter 'nope'", noRouter.Message, StringComparison.Ordinal);
        Assert.Equal("BadRequestException", (await client.GetAsync("/v20190125/meshes/here/virtualNodes?nextToken=garbage")).ErrorType);
    }
}
