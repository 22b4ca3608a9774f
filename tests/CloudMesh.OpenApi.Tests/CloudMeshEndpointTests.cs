using CloudMesh.OpenApi.Tests.Support;

namespace CloudMesh.OpenApi.Tests;

/// <summary>CloudMesh's own endpoints (health, documentation, admin API) are in the document as specified.</summary>
public sealed class CloudMeshEndpointTests
{
    private static readonly string[] Quotas =
    [
        "meshes", "virtualNodesPerMesh", "virtualRoutersPerMesh", "routesPerVirtualRouter",
        "virtualServicesPerMesh", "virtualGatewaysPerMesh", "gatewayRoutesPerVirtualGateway",
    ];

    public static TheoryData<string, string, string> AdminOperations => new()
    {
        { "/admin/v1/tenants", "post", "201" },
        { "/admin/v1/tenants", "get", "200" },
        { "/admin/v1/tenants/{accountId}", "get", "200" },
        { "/admin/v1/tenants/{accountId}", "delete", "204" },
        { "/admin/v1/tenants/{accountId}/access-keys", "post", "201" },
        { "/admin/v1/tenants/{accountId}/access-keys", "get", "200" },
        { "/admin/v1/tenants/{accountId}/access-keys/{accessKeyId}", "delete", "204" },
        { "/admin/v1/tenants/{accountId}/limits", "get", "200" },
        { "/admin/v1/tenants/{accountId}/limits", "put", "200" },
    };

    public static TheoryData<string, string> PublicOperations => new()
    {
        { "/healthz", "text/plain" },
        { "/readyz", "text/plain" },
        { "/swagger", "text/html" },
        { "/openapi.yaml", "application/yaml" },
    };

    [Theory]
    [MemberData(nameof(AdminOperations))]
    public void AdminOperation_IsBearerProtected_WithItsSuccessStatusAndErrors(string path, string method, string status)
    {
        var operation = OpenApiDocument.Operation(path, method);
        var responses = operation["responses"]!.AsObject();

        Assert.Equal("adminToken", Assert.Single(operation["security"]!.AsArray().Single()!.AsObject()).Key);
        Assert.Equal(status, Assert.Single(responses, r => r.Key.StartsWith('2')).Key);
        Assert.All(new[] { "401", "503" }, s => Assert.True(responses.ContainsKey(s), $"{method} {path}: no {s}"));
        Assert.All(
            responses.Where(r => r.Key[0] is '4' or '5'),
            r =>
            {
                Assert.Single(r.Value!["headers"]!["x-amzn-ErrorType"]!["schema"]!["enum"]!.AsArray());
                Assert.Equal("ErrorBody", OpenApiDocument.SchemaName(r.Value["content"]!["application/json"]!["schema"]));
            });
        if (path.Contains("{accountId}", StringComparison.Ordinal))
        {
            Assert.True(responses.ContainsKey("404"), $"{method} {path}: no 404");
        }
    }

    [Fact]
    public void AdminTenantSchemas_MatchTheAdminContract()
    {
        var tenant = OpenApiDocument.Schema(OpenApiDocument.Operation("/admin/v1/tenants", "post")["responses"]!["201"]!["content"]!["application/json"]!["schema"]);
        var accountId = OpenApiDocument.Schema(tenant["properties"]!["accountId"]);
        var newKey = OpenApiDocument.Schema(OpenApiDocument.Operation("/admin/v1/tenants/{accountId}/access-keys", "post")["responses"]!["201"]!["content"]!["application/json"]!["schema"]);

        Assert.Equal(["accountId", "name", "createdAt"], tenant["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("^[0-9]{12}$", accountId["pattern"]!.GetValue<string>());
        Assert.Equal(["accessKeyId", "secretAccessKey", "createdAt"], newKey["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        // Tenant names are labels, not identities (the account id is): creating a second "acme" is not a conflict.
        Assert.False(OpenApiDocument.Operation("/admin/v1/tenants", "post")["responses"]!.AsObject().ContainsKey("409"));
    }

    [Fact]
    public void EffectiveLimits_HaveEveryQuotaRequired()
    {
        var limits = OpenApiDocument.Schema(OpenApiDocument.Operation("/admin/v1/tenants/{accountId}/limits", "get")["responses"]!["200"]!["content"]!["application/json"]!["schema"]);
        var quotas = limits["properties"]!["quotas"]!;

        Assert.Equal(["requestsPerSecond", "burst", "quotas"], limits["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(Quotas, quotas["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(Quotas, quotas["properties"]!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [MemberData(nameof(PublicOperations))]
    public void PublicEndpoint_NeedsNoCredentials_AndServesItsMediaType(string path, string mediaType)
    {
        var operation = OpenApiDocument.Operation(path, "get");

        Assert.Empty(operation["security"]!.AsArray());
        Assert.NotNull(operation["responses"]!["200"]!["content"]![mediaType]);
    }

    [Fact]
    public void Readyz_Answers503WithAnErrorBodyWhenTheDatabaseIsDown()
    {
        var response = OpenApiDocument.Operation("/readyz", "get")["responses"]!["503"]!;

        Assert.Equal("ErrorBody", OpenApiDocument.SchemaName(response["content"]!["application/json"]!["schema"]));
    }
}
