using System.Text.Json.Nodes;
using CloudMesh.Conformance.Tests.Infrastructure;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Conformance.Tests;

/// <summary>Two tenants through boto3 (scripts/isolation.py): B can neither see nor touch A's resources.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class Boto3TenantIsolationTests(CloudMeshApiFixture api, ReportCache cache) : IClassFixture<ReportCache>
{
    [Theory]
    [InlineData("b_describe_mesh")]
    [InlineData("b_describe_node")]
    [InlineData("b_update_node")]
    [InlineData("b_delete_node")]
    [InlineData("b_delete_mesh")]
    [InlineData("b_list_nodes")]
    [InlineData("b_create_node_in_a_mesh")]
    [InlineData("b_tag_by_arn")]
    [InlineData("b_untag_by_arn")]
    [InlineData("b_list_tags_by_arn")]
    [InlineData("b_tag_a_arn_again")]
    public async Task Tenant_B_gets_NotFound_for_tenant_As_resources(string caseName)
    {
        var result = (await ReportAsync()).report.At(caseName);
        Assert.Equal(("NotFoundException", 404L), (result["code"]?.GetValue<string>(), result.Int("status")));
    }

    [Fact]
    public async Task Tenant_B_lists_no_meshes_and_cannot_name_A_as_mesh_owner()
    {
        var (report, _, _) = await ReportAsync();
        Assert.Empty(report.At("b_list_meshes.response.meshes").AsArray());
        Assert.Equal("ForbiddenException", report.Str("b_mesh_owner_a.code"));
    }

    [Fact]
    public async Task Both_tenants_can_own_a_mesh_of_the_same_name()
    {
        var (report, a, b) = await ReportAsync();
        Assert.Equal($"arn:aws:appmesh:us-east-1:{b.AccountId}:mesh/shared-name", report.Str("b_create_same_name.response.mesh.metadata.arn"));
        Assert.Equal(b.AccountId, report.Str("b_describe_own.response.mesh.metadata.meshOwner"));
        Assert.Empty(report.At("b_list_nodes_own.response.virtualNodes").AsArray());
        Assert.Equal("DELETED", report.Str("b_delete_own.response.mesh.status.status"));
        Assert.Contains(report.At("a_list_meshes_after.response.meshes").AsArray(),
            m => m!.Str("meshName") == "shared-name" && m.Str("meshOwner") == a.AccountId);
    }

    [Fact]
    public async Task Tenant_As_resources_are_untouched()
    {
        var (report, a, _) = await ReportAsync();
        var node = report.At("a_describe_node_after.response.virtualNode");
        Assert.Equal(report.Str("a_node_uid"), node.Str("metadata.uid"));
        Assert.Equal(1, node.Int("metadata.version"));
        Assert.Equal(a.AccountId, node.Str("metadata.resourceOwner"));
        Assert.Equal([("owner", "a")], report.At("a_tags_after.response.tags").AsArray().Select(t => (t!.Str("key"), t.Str("value"))));
        Assert.Empty(report.At("a_node_tags_after.response.tags").AsArray());
    }

    private async Task<(JsonObject report, TenantCredentials a, TenantCredentials b)> ReportAsync()
    {
        var report = await cache.GetAsync("isolation", async () =>
        {
            var a = await api.CreateTenantAsync("isolation-a");
            var b = await api.CreateTenantAsync("isolation-b");
            var result = await ExternalClients.RunScriptAsync("isolation.py", api.Endpoint, [a, b]);
            result["tenants"] = new JsonArray(a.AccountId, b.AccountId);
            return result;
        });
        var accounts = report.Strings("tenants");
        return (report, new TenantCredentials(accounts[0], "", ""), new TenantCredentials(accounts[1], "", ""));
    }
}
