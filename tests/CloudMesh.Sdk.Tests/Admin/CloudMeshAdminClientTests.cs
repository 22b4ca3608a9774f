using System.Net;
using Amazon.Runtime;
using CloudMesh.Sdk.Admin;
using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.AppMesh.Model;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Sdk.Tests.Admin;

/// <summary>The admin client against a real server: every admin operation, and its errors.</summary>
[Collection(SdkApiCollection.Name)]
public sealed class CloudMeshAdminClientTests(CloudMeshApiFixture api)
{
    [Fact]
    public async Task A_tenant_is_created_with_a_key_that_signs_app_mesh_calls_and_is_deleted()
    {
        using var admin = new CloudMeshAdminClient(api.Endpoint, api.Server.AdminToken);
        var tenant = await admin.CreateTenantAsync("admin-client");
        Assert.Matches("^[0-9]{12}$", tenant.AccountId);
        Assert.Equal("admin-client", tenant.Name);
        Assert.Equal(DateTimeKind.Utc, tenant.CreatedAt.Kind);
        Assert.Contains(await admin.ListTenantsAsync(), t => t.AccountId == tenant.AccountId);
        Assert.Equal(tenant, await admin.GetTenantAsync(tenant.AccountId));

        var key = await admin.CreateAccessKeyAsync(tenant.AccountId);
        using (var client = new AmazonAppMeshClient(new BasicAWSCredentials(key.AccessKeyId, key.SecretAccessKey),
                   new AmazonAppMeshConfig { ServiceURL = api.Endpoint.ToString() }))
        {
            var mesh = await client.CreateMeshAsync(new CreateMeshRequest { MeshName = "signed-by-new-key" });
            Assert.Equal(tenant.AccountId, mesh.Mesh?.Metadata?.MeshOwner);
        }

        Assert.Equal([key.AccessKeyId], (await admin.ListAccessKeysAsync(tenant.AccountId)).Select(k => k.AccessKeyId));
        await admin.DeleteAccessKeyAsync(tenant.AccountId, key.AccessKeyId);
        Assert.Empty(await admin.ListAccessKeysAsync(tenant.AccountId));

        await admin.DeleteTenantAsync(tenant.AccountId);
        var gone = await Assert.ThrowsAsync<CloudMeshAdminException>(() => admin.GetTenantAsync(tenant.AccountId));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("NotFoundException", gone.ErrorCode);
        Assert.Contains(tenant.AccountId, gone.Message);
    }

    [Fact]
    public async Task Xds_tokens_are_issued_listed_and_revoked()
    {
        using var admin = new CloudMeshAdminClient(api.Endpoint, api.Server.AdminToken);
        var tenant = await admin.CreateTenantAsync("xds-tokens");
        var token = await admin.CreateXdsTokenAsync(tenant.AccountId, "gateways");
        Assert.False(string.IsNullOrEmpty(token.Token));
        var listed = Assert.Single(await admin.ListXdsTokensAsync(tenant.AccountId));
        Assert.Equal((token.TokenId, "gateways"), (listed.TokenId, listed.Description));

        await admin.DeleteXdsTokenAsync(tenant.AccountId, token.TokenId);
        Assert.Empty(await admin.ListXdsTokensAsync(tenant.AccountId));
        var again = await Assert.ThrowsAsync<CloudMeshAdminException>(() => admin.DeleteXdsTokenAsync(tenant.AccountId, token.TokenId));
        Assert.Equal("NotFoundException", again.ErrorCode);
    }

    [Fact]
    public async Task Limits_are_read_and_overridden_member_by_member()
    {
        using var admin = new CloudMeshAdminClient(api.Endpoint, api.Server.AdminToken);
        var tenant = await admin.CreateTenantAsync("limits");
        var before = await admin.GetLimitsAsync(tenant.AccountId);
        Assert.True(before.Quotas.ContainsKey("meshes"));

        var after = await admin.SetLimitsAsync(tenant.AccountId, requestsPerSecond: 25, quotas: new Dictionary<string, int> { ["meshes"] = 4 });
        Assert.Equal(25, after.RequestsPerSecond);
        Assert.Equal(before.Burst, after.Burst);
        Assert.Equal(4, after.Quotas["meshes"]);
        Assert.Equal(before.Quotas["virtualNodesPerMesh"], after.Quotas["virtualNodesPerMesh"]);
        var reread = await admin.GetLimitsAsync(tenant.AccountId);
        Assert.Equal((25, 4), (reread.RequestsPerSecond, reread.Quotas["meshes"]));

        var unknown = await Assert.ThrowsAsync<CloudMeshAdminException>(() =>
            admin.SetLimitsAsync(tenant.AccountId, quotas: new Dictionary<string, int> { ["widgets"] = 1 }));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("quotas.widgets", unknown.Message);
    }

    [Fact]
    public async Task A_wrong_admin_token_is_refused_in_the_rest_json_error_format()
    {
        using var admin = new CloudMeshAdminClient(api.Endpoint, "not-the-admin-token");
        var refused = await Assert.ThrowsAsync<CloudMeshAdminException>(() => admin.ListTenantsAsync());
        Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, refused.StatusCode.ToString());
        Assert.False(string.IsNullOrEmpty(refused.ErrorCode));
    }
}
