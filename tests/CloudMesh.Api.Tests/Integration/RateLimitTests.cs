using System.Net;
using CloudMesh.Api.Hosting;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Api.Tests.Integration;

/// <summary>A server whose default rate limit is tiny, so throttling is observable without load.</summary>
public sealed class ThrottledApiFixture : CloudMeshApiFixture
{
    protected override void Configure(CloudMeshOptions options)
    {
        options.RateLimitRequestsPerSecond = 1;
        options.RateLimitBurst = 3;
    }
}

public sealed class RateLimitTests(ThrottledApiFixture api) : IClassFixture<ThrottledApiFixture>
{
    [Fact]
    public async Task A_tenant_over_its_rate_gets_too_many_requests_and_others_are_unaffected()
    {
        var noisy = await api.NewTenantClientAsync("noisy");
        var quiet = await api.NewTenantClientAsync("quiet");

        var responses = new List<ApiResponse>();
        for (var i = 0; i < 10; i++)
        {
            responses.Add(await noisy.GetAsync("/v20190125/meshes"));
        }

        var throttled = responses.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(throttled);
        Assert.All(throttled, r => Assert.Equal("TooManyRequestsException", r.ErrorType));
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync("/v20190125/meshes")).Status);
    }

    [Fact]
    public async Task The_admin_api_can_lift_a_tenants_limit()
    {
        var client = await api.NewTenantClientAsync("lifted");
        using var admin = api.AdminHttp();
        (await admin.PutAsync($"/admin/v1/tenants/{client.Credentials.AccountId}/limits",
            new StringContent("""{"requestsPerSecond":0}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v20190125/meshes")).Status);
        }
    }
}
