using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.AppMesh.Model;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Sdk.Tests.AppMesh;

/// <summary>The mesh operations through the SDK against the real server: typed metadata, status and spec round trip.</summary>
[Collection(SdkApiCollection.Name)]
public sealed class MeshOperationTests(CloudMeshApiFixture api)
{
    [Fact]
    public async Task Create_describe_update_list_and_delete_a_mesh()
    {
        var (client, tenant) = await SdkClients.ForNewTenantAsync(api);
        using var _ = client;

        var created = await client.CreateMeshAsync(new CreateMeshRequest
        {
            MeshName = "orders",
            Spec = new MeshSpec { EgressFilter = new EgressFilter { Type = EgressFilterType.DROP_ALL } },
            Tags = [new TagRef { Key = "team", Value = "payments" }],
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, created.HttpStatusCode);
        var mesh = created.Mesh!;
        Assert.Equal("orders", mesh.MeshName);
        Assert.Equal(EgressFilterType.DROP_ALL, mesh.Spec!.EgressFilter!.Type);
        Assert.Equal(MeshStatusCode.ACTIVE, mesh.Status!.Status);
        Assert.Equal(1L, mesh.Metadata!.Version);
        Assert.Equal(tenant.AccountId, mesh.Metadata.MeshOwner);
        Assert.Equal(tenant.AccountId, mesh.Metadata.ResourceOwner);
        Assert.Equal($"arn:aws:appmesh:us-east-1:{tenant.AccountId}:mesh/orders", mesh.Metadata.Arn);
        Assert.False(string.IsNullOrEmpty(mesh.Metadata.Uid));
        Assert.Equal(DateTimeKind.Utc, mesh.Metadata.CreatedAt!.Value.Kind);
        Assert.Equal(mesh.Metadata.CreatedAt, mesh.Metadata.LastUpdatedAt);
        Assert.False(string.IsNullOrEmpty(created.ResponseMetadata.RequestId));

        var described = (await client.DescribeMeshAsync(new DescribeMeshRequest { MeshName = "orders" })).Mesh!;
        Assert.Equal(mesh.Metadata.Uid, described.Metadata!.Uid);
        Assert.Equal(mesh.Metadata.CreatedAt, described.Metadata.CreatedAt);

        var updated = (await client.UpdateMeshAsync(new UpdateMeshRequest
        {
            MeshName = "orders",
            Spec = new MeshSpec { EgressFilter = new EgressFilter { Type = EgressFilterType.ALLOW_ALL } },
        })).Mesh!;
        Assert.Equal(2L, updated.Metadata!.Version);
        Assert.Equal(EgressFilterType.ALLOW_ALL, updated.Spec!.EgressFilter!.Type);

        var listed = await client.ListMeshesAsync(new ListMeshesRequest());
        var reference = Assert.Single(listed.Meshes!);
        Assert.Equal("orders", reference.MeshName);
        Assert.Equal(2L, reference.Version);
        Assert.Equal(mesh.Metadata.Arn, reference.Arn);
        Assert.Null(listed.NextToken);

        var deleted = (await client.DeleteMeshAsync(new DeleteMeshRequest { MeshName = "orders" })).Mesh!;
        Assert.Equal(MeshStatusCode.DELETED, deleted.Status!.Status);
        Assert.Empty((await client.ListMeshesAsync(new ListMeshesRequest())).Meshes!);
    }
}
