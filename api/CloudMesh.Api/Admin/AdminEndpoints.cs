using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.Api.AppMesh;
using CloudMesh.Api.Core.Errors;
using CloudMesh.Api.Core.Tenancy;
using CloudMesh.Api.Persistence;
using CloudMesh.Api.Persistence.Entities;
using CloudMesh.Api.Security;
using CloudMesh.Api.Throttling;
using CloudMesh.AppMesh.Model;
using CloudMesh.ControlPlane.Postgres;

namespace CloudMesh.Api.Admin;

/// <summary>
/// The admin API (<c>/admin/v1</c>): tenants, access keys and limits, authenticated with the admin bearer token only
/// (tenant access keys never reach it). Errors use the same rest-json format as the App Mesh API.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>Maps the admin API.</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/v1").AddEndpointFilter<AdminTokenFilter>().ExcludeFromDescription();

        admin.MapPost("/tenants", async (HttpContext http, TenantAdministration tenants) =>
        {
            var body = await ReadObjectAsync(http);
            var name = body["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            var tenant = await tenants.CreateTenantAsync(name ?? "", http.RequestAborted);
            return Results.Json(Tenant(tenant), statusCode: 201);
        });
        admin.MapGet("/tenants", async (TenantAdministration tenants, CancellationToken ct) =>
            Results.Json(new JsonObject { ["tenants"] = new JsonArray([.. (await tenants.ListTenantsAsync(ct)).Select(Tenant)]) }));
        admin.MapGet("/tenants/{accountId}", async (string accountId, TenantAdministration tenants, CancellationToken ct) =>
            Results.Json(Tenant(await tenants.GetTenantAsync(accountId, ct))));
        admin.MapDelete("/tenants/{accountId}", async (string accountId, TenantAdministration tenants, CancellationToken ct) =>
        {
            await tenants.DeleteTenantAsync(accountId, ct);
            return Results.NoContent();
        });

        admin.MapPost("/tenants/{accountId}/access-keys", async (string accountId, TenantAdministration tenants, CancellationToken ct) =>
        {
            var (key, secret) = await tenants.CreateAccessKeyAsync(accountId, ct);
            return Results.Json(new JsonObject
            {
                ["accessKeyId"] = key.AccessKeyId,
                ["secretAccessKey"] = secret,
                ["createdAt"] = AppMeshJson.Timestamp(key.CreatedAt),
            }, statusCode: 201);
        });
        admin.MapGet("/tenants/{accountId}/access-keys", async (string accountId, TenantAdministration tenants, CancellationToken ct) =>
            Results.Json(new JsonObject
            {
                ["accessKeys"] = new JsonArray([.. (await tenants.ListAccessKeysAsync(accountId, ct)).Select(k => (JsonNode)new JsonObject
                {
                    ["accessKeyId"] = k.AccessKeyId,
                    ["createdAt"] = AppMeshJson.Timestamp(k.CreatedAt),
                })]),
            }));
        admin.MapDelete("/tenants/{accountId}/access-keys/{accessKeyId}", async (string accountId, string accessKeyId, TenantAdministration tenants, CancellationToken ct) =>
        {
            await tenants.DeleteAccessKeyAsync(accountId, accessKeyId, ct);
            return Results.NoContent();
        });

        admin.MapPost("/tenants/{accountId}/xds-tokens", async (string accountId, HttpContext http, XdsTokenStore tokens) =>
        {
            var body = http.Request.ContentLength is 0 ? new JsonObject() : await ReadObjectAsync(http);
            var description = body["description"] switch
            {
                null => "",
                JsonValue v when v.TryGetValue<string>(out var d) && d.Length <= 256 => d,
                _ => throw AppMeshException.BadRequest("description: must be a string of at most 256 characters."),
            };
            var (info, token) = await tokens.IssueAsync(accountId, description, http.RequestAborted)
                                ?? throw AppMeshException.NotFound($"Tenant {accountId} does not exist.");
            var rendered = XdsToken(info);
            rendered["token"] = token;
            return Results.Json(rendered, statusCode: 201);
        });
        admin.MapGet("/tenants/{accountId}/xds-tokens", async (string accountId, TenantAdministration tenants, XdsTokenStore tokens, CancellationToken ct) =>
        {
            await tenants.GetTenantAsync(accountId, ct); // 404 for an unknown tenant, not an empty list
            return Results.Json(new JsonObject { ["xdsTokens"] = new JsonArray([.. (await tokens.ListAsync(accountId, ct)).Select(t => (JsonNode)XdsToken(t))]) });
        });
        admin.MapDelete("/tenants/{accountId}/xds-tokens/{tokenId}", async (string accountId, string tokenId, XdsTokenStore tokens, CancellationToken ct) =>
            await tokens.RevokeAsync(accountId, tokenId, ct)
                ? Results.NoContent()
                : throw AppMeshException.NotFound($"Tenant {accountId} has no xDS token {tokenId}."));

        admin.MapGet("/tenants/{accountId}/limits", async (string accountId, TenantAdministration tenants, CancellationToken ct) =>
            Results.Json(Limits(await tenants.GetLimitsAsync(accountId, ct))));
        admin.MapPut("/tenants/{accountId}/limits", async (string accountId, HttpContext http, TenantAdministration tenants) =>
        {
            var ct = http.RequestAborted;
            var body = await ReadObjectAsync(http);
            var current = await tenants.GetLimitsAsync(accountId, ct);
            var quotas = body["quotas"] is JsonObject overrides ? Overlay(current.Quotas, overrides) : null;
            var updated = await tenants.SetLimitsAsync(accountId, OptionalInt(body, "requestsPerSecond"), OptionalInt(body, "burst"), quotas, ct);
            return Results.Json(Limits(updated));
        });
        return app;
    }

    private static JsonObject Tenant(TenantEntity tenant) => new()
    {
        ["accountId"] = tenant.AccountId,
        ["name"] = tenant.Name,
        ["createdAt"] = AppMeshJson.Timestamp(tenant.CreatedAt),
    };

    private static JsonObject XdsToken(XdsTokenInfo token) => new()
    {
        ["tokenId"] = token.TokenId,
        ["description"] = token.Description,
        ["createdAt"] = AppMeshJson.Timestamp(token.CreatedAt),
    };

    private static JsonNode Limits(TenantLimits limits) => new JsonObject
    {
        ["requestsPerSecond"] = limits.RequestsPerSecond,
        ["burst"] = limits.Burst,
        ["quotas"] = JsonSerializer.SerializeToNode(limits.Quotas, TenantLimitsProvider.QuotaJson),
    };

    private static TenantQuotas Overlay(TenantQuotas current, JsonObject overrides)
    {
        var merged = JsonSerializer.SerializeToNode(current, TenantLimitsProvider.QuotaJson)!.AsObject();
        foreach (var (name, value) in overrides)
        {
            if (!merged.ContainsKey(name))
            {
                throw AppMeshException.BadRequest($"quotas.{name}: unknown quota; known quotas are {string.Join(", ", merged.Select(m => m.Key))}.");
            }

            if (value is not JsonValue number || !number.TryGetValue<int>(out var n) || n < 0)
            {
                throw AppMeshException.BadRequest($"quotas.{name}: must be a non-negative integer.");
            }

            merged[name] = n;
        }

        return merged.Deserialize<TenantQuotas>(TenantLimitsProvider.QuotaJson)!;
    }

    private static int? OptionalInt(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var n) && n >= 0 => n,
        _ => throw AppMeshException.BadRequest($"{name}: must be a non-negative integer."),
    };

    private static async Task<JsonObject> ReadObjectAsync(HttpContext http)
    {
        try
        {
            var node = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            return node as JsonObject ?? throw AppMeshException.BadRequest("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw AppMeshException.BadRequest($"Malformed JSON: {ex.Message}");
        }
    }
}
