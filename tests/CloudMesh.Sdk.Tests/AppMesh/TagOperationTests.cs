using CloudMesh.Sdk.AppMesh.Model;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Sdk.Tests.AppMesh;

/// <summary>TagResource, UntagResource and ListTagsForResource through the SDK (the ARN travels as a query parameter).</summary>
[Collection(SdkApiCollection.Name)]
public sealed class TagOperationTests(CloudMeshApiFixture api)
{
    [Fact]
    public async Task Tags_can_be_added_listed_and_removed()
    {
        var (client, _) = await SdkClients.ForNewTenantAsync(api);
        using var __ = client;
        var arn = (await client.CreateMeshAsync(new CreateMeshRequest
        {
            MeshName = "tagged",
            Tags = [new TagRef { Key = "owner", Value = "a" }],
        })).Mesh!.Metadata!.Arn!;

        var tagged = await client.TagResourceAsync(new TagResourceRequest
        {
            ResourceArn = arn,
            Tags = [new TagRef { Key = "env", Value = "prod" }, new TagRef { Key = "owner", Value = "b" }],
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, tagged.HttpStatusCode);

        var tags = (await client.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = arn })).Tags!;
        Assert.Equal(
            [("env", "prod"), ("owner", "b")],
            tags.Select(t => (t.Key!, t.Value!)).OrderBy(t => t.Item1, StringComparer.Ordinal).ToList());

        await client.UntagResourceAsync(new UntagResourceRequest { ResourceArn = arn, TagKeys = ["owner"] });
        var remaining = Assert.Single((await client.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = arn })).Tags!);
        Assert.Equal("env", remaining.Key);
    }
}
