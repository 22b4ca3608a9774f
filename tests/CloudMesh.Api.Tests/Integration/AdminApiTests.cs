using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Api.Tests.Integration;

[Collection(ApiCollection.Name)]
public sealed class AdminApiTests(CloudMeshApiFixture api)
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task The_admin_api_needs_the_admin_token(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/tenants");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await AppMeshTestClient.ReadAsync(await api.Http.SendAsync(request));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("UnauthorizedException", response.ErrorType);
    }

    [Fact]
    public async Task Tenant_access_keys_never_reach_the_admin_api()
    {
        var tenant = await api.NewTenantClientAsync();

        var response = await tenant.GetAsync("/admin/v1/tenants");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    [Fact]
    public async Task Tenants_and_keys_lifecycle()
    {
        using var admin = api.AdminHttp();
        var created = await admin.PostAsJsonAsync("/admin/v1/tenants", new { name = "acme" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var accountId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["accountId"]!.GetValue<string>();
        Assert.Matches("^[0-9]{12}$", accountId);

        var key = (await (await admin.PostAsync($"/admin/v1/tenants/{accountId}/access-keys", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var client = new AppMeshTestClient(api.Http, new TenantCredentials(accountId, key["accessKeyId"]!.GetValue<string>(), key["secretAccessKey"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v20190125/meshes")).Status);

        var keys = (await admin.GetFromJsonAsync<JsonObject>($"/admin/v1/tenants/{accountId}/access-keys"))!["accessKeys"]!.AsArray();
        Assert.Equal(key["accessKeyId"]!.GetValue<string>(), Assert.Single(keys)!["accessKeyId"]!.GetValue<string>());
        Assert.DoesNotContain("secretAccessKey", keys.ToJsonString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/admin/v1/tenants/{accountId}/access-keys/{key["accessKeyId"]}")).StatusCode);
        var revoked = await client.GetAsync("/v20190125/meshes");
        Assert.Equal(HttpStatusCode.Forbidden, revoked.Status);
        Assert.Equal("UnrecognizedClientException", revoked.ErrorType);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/admin/v1/tenants/{accountId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/v1/tenants/{accountId}")).StatusCode);
    }

    [Fact]
    public async Task Access_key_secrets_are_stored_encrypted()
    {
        var tenant = await api.CreateTenantAsync();

        await using var db = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await db.OpenAsync();
        await using var read = new Npgsql.NpgsqlCommand("SELECT encrypted_secret FROM access_keys WHERE access_key_id = @k", db);
        read.Parameters.AddWithValue("k", tenant.AccessKeyId);
        var stored = (byte[])(await read.ExecuteScalarAsync())!;

        var secret = System.Text.Encoding.UTF8.GetBytes(tenant.SecretAccessKey);
        Assert.True(stored.Length >= secret.Length);
        Assert.Equal(-1, stored.AsSpan().IndexOf(secret));
        Assert.Equal(-1, stored.AsSpan().IndexOf(secret.AsSpan(0, 8)));
    }

    [Fact]
    public async Task Deleting_a_tenant_deletes_its_resources()
    {
        var client = await api.NewTenantClientAsync();
        await new MeshScenario("gone").CreateAllAsync(client);
        using var admin = api.AdminHttp();

        (await admin.DeleteAsync($"/admin/v1/tenants/{client.Credentials.AccountId}")).EnsureSuccessStatusCode();

        await using var db = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await db.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM resources WHERE account_id = @a", db);
        count.Parameters.AddWithValue("a", client.Credentials.AccountId);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Bad_admin_input_is_a_clear_error()
    {
        using var admin = api.AdminHttp();

        var noName = await AppMeshTestClient.ReadAsync(await admin.PostAsJsonAsync("/admin/v1/tenants", new { }));
        var malformed = await AppMeshTestClient.ReadAsync(await admin.PostAsync("/admin/v1/tenants", new StringContent("{", System.Text.Encoding.UTF8, "application/json")));
        var unknownTenant = await AppMeshTestClient.ReadAsync(await admin.PostAsync("/admin/v1/tenants/000000000000/access-keys", null));
        var unknownQuota = await AppMeshTestClient.ReadAsync(await admin.PutAsync($"/admin/v1/tenants/{(await api.CreateTenantAsync()).AccountId}/limits",
            new StringContent("""{"quotas":{"galaxies":1}}""", System.Text.Encoding.UTF8, "application/json")));

        Assert.Equal(("BadRequestException", HttpStatusCode.BadRequest), (noName.ErrorType, noName.Status));
        Assert.Equal(("BadRequestException", HttpStatusCode.BadRequest), (malformed.ErrorType, malformed.Status));
        Assert.Equal(("NotFoundException", HttpStatusCode.NotFound), (unknownTenant.ErrorType, unknownTenant.Status));
        Assert.Contains("galaxies", unknownQuota.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        Assert.Equal("ok", await api.Http.GetStringAsync("/healthz"));
        Assert.Equal("ok", await api.Http.GetStringAsync("/readyz"));
        Assert.Contains("swagger", await api.Http.GetStringAsync("/swagger/index.html"), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("openapi:", await api.Http.GetStringAsync("/openapi.yaml"), StringComparison.Ordinal);
    }
}
