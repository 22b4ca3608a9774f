using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudMesh.ControlPlane.Postgres;
using CloudMesh.TestSupport.ApiServer;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CloudMesh.Api.Tests.Integration;

/// <summary>xDS tokens through the admin API, checked by the store the control plane validates streams with.</summary>
[Collection(ApiCollection.Name)]
public sealed class XdsTokenAdminTests(CloudMeshApiFixture api)
{
    [Fact]
    public async Task Tokens_are_issued_once_listed_without_secrets_validated_and_revoked()
    {
        var tenant = await api.CreateTenantAsync();
        using var admin = api.AdminHttp();
        var validator = api.Server.App.Services.GetRequiredService<XdsTokenStore>();

        var issued = await admin.PostAsJsonAsync($"/admin/v1/tenants/{tenant.AccountId}/xds-tokens", new { description = "payments sidecars" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var body = (await issued.Content.ReadFromJsonAsync<JsonObject>())!;
        var token = body["token"]!.GetValue<string>();
        var tokenId = body["tokenId"]!.GetValue<string>();
        Assert.StartsWith(XdsTokenStore.Prefix, token, StringComparison.Ordinal);
        Assert.Equal("payments sidecars", body["description"]!.GetValue<string>());

        var listed = (await admin.GetFromJsonAsync<JsonObject>($"/admin/v1/tenants/{tenant.AccountId}/xds-tokens"))!["xdsTokens"]!.AsArray();
        Assert.Equal(tokenId, Assert.Single(listed)!["tokenId"]!.GetValue<string>());
        Assert.DoesNotContain(token, listed.ToJsonString(), StringComparison.Ordinal);

        Assert.Equal(tenant.AccountId, await validator.ValidateAsync(token, CancellationToken.None));
        Assert.Null(await validator.ValidateAsync(token + "x", CancellationToken.None));
        Assert.Null(await validator.ValidateAsync("not-a-token", CancellationToken.None));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/admin/v1/tenants/{tenant.AccountId}/xds-tokens/{tokenId}")).StatusCode);
        Assert.Null(await validator.ValidateAsync(token, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/admin/v1/tenants/{tenant.AccountId}/xds-tokens/{tokenId}")).StatusCode);
    }

    [Fact]
    public async Task Tokens_are_stored_only_as_hashes()
    {
        var tenant = await api.CreateTenantAsync();
        using var admin = api.AdminHttp();
        var body = (await (await admin.PostAsync($"/admin/v1/tenants/{tenant.AccountId}/xds-tokens", null)).Content.ReadFromJsonAsync<JsonObject>())!;

        await using var db = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await db.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT t::text FROM xds_tokens t WHERE token_id = $1", db) { Parameters = { new() { Value = body["tokenId"]!.GetValue<string>() } } };
        var row = (string)(await cmd.ExecuteScalarAsync())!;

        Assert.DoesNotContain(body["token"]!.GetValue<string>()[XdsTokenStore.Prefix.Length..], row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_tenants_and_bad_descriptions_are_refused()
    {
        var tenant = await api.CreateTenantAsync();
        using var admin = api.AdminHttp();

        var unknown = await AppMeshTestClient.ReadAsync(await admin.PostAsync("/admin/v1/tenants/000000000000/xds-tokens", null));
        var listUnknown = await AppMeshTestClient.ReadAsync(await admin.GetAsync("/admin/v1/tenants/000000000000/xds-tokens"));
        var bad = await AppMeshTestClient.ReadAsync(await admin.PostAsJsonAsync($"/admin/v1/tenants/{tenant.AccountId}/xds-tokens", new { description = 5 }));

        Assert.Equal((HttpStatusCode.NotFound, "NotFoundException"), (unknown.Status, unknown.ErrorType));
        Assert.Equal(HttpStatusCode.NotFound, listUnknown.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "BadRequestException"), (bad.Status, bad.ErrorType));
    }

    [Fact]
    public async Task Tenant_credentials_cannot_issue_tokens()
    {
        var client = await api.NewTenantClientAsync();

        var response = await client.SendAsync(HttpMethod.Post, $"/admin/v1/tenants/{client.Credentials.AccountId}/xds-tokens");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }
}
