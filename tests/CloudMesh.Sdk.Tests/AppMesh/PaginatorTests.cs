using CloudMesh.Sdk.AppMesh.Model;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Sdk.Tests.AppMesh;

/// <summary>Paginators follow nextToken across real pages of the server, as pages and as the result key.</summary>
[Collection(SdkApiCollection.Name)]
public sealed class PaginatorTests(CloudMeshApiFixture api)
{
    [Fact]
    public async Task Responses_and_result_key_walk_every_page()
    {
        var (client, _) = await SdkClients.ForNewTenantAsync(api);
        using var __ = client;
        var expected = Enumerable.Range(0, 7).Select(i => $"mesh-{i}").ToList();
        foreach (var name in expected)
        {
            await client.CreateMeshAsync(new CreateMeshRequest { MeshName = name });
        }

        var pages = new List<ListMeshesResponse>();
        await foreach (var page in client.Paginators.ListMeshes(new ListMeshesRequest { Limit = 3 }).Responses)
        {
            pages.Add(page);
        }

        Assert.Equal([3, 3, 1], pages.Select(p => p.Meshes!.Count));
        Assert.All(pages.SkipLast(1), p => Assert.False(string.IsNullOrEmpty(p.NextToken)));
        Assert.Null(pages[^1].NextToken);
        Assert.Equal(expected, pages.SelectMany(p => p.Meshes!).Select(m => m.MeshName!).Order(StringComparer.Ordinal));

        var names = new List<string>();
        await foreach (var mesh in client.Paginators.ListMeshes(new ListMeshesRequest { Limit = 2 }).Meshes)
        {
            names.Add(mesh.MeshName!);
        }

        Assert.Equal(expected, names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Paginators_page_resources_inside_a_mesh()
    {
        var (client, _) = await SdkClients.ForNewTenantAsync(api);
        using var __ = client;
        await client.CreateMeshAsync(new CreateMeshRequest { MeshName = "m" });
        for (var i = 0; i < 5; i++)
        {
            await client.CreateVirtualNodeAsync(new CreateVirtualNodeRequest { MeshName = "m", VirtualNodeName = $"vn-{i}", Spec = SampleMesh.NodeSpec() });
        }

        var nodes = new List<string>();
        await foreach (var node in client.Paginators.ListVirtualNodes(new ListVirtualNodesRequest { MeshName = "m", Limit = 2 }).VirtualNodes)
        {
            nodes.Add(node.VirtualNodeName!);
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"vn-{i}"), nodes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_paginator_is_enumerated_once()
    {
        var (client, _) = await SdkClients.ForNewTenantAsync(api);
        using var __ = client;
        var paginator = client.Paginators.ListMeshes(new ListMeshesRequest());
        await foreach (var _ in paginator.Responses)
        {
        }

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in paginator.Meshes)
            {
            }
        });
    }
}
