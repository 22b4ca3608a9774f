using System.Text.Json.Nodes;

namespace CloudMesh.Sdk.Admin;

/// <summary>A tenant: an account with its own meshes, keys and limits.</summary>
/// <param name="AccountId">The 12-digit account id that appears in the tenant's ARNs.</param>
/// <param name="Name">The name given at creation.</param>
/// <param name="CreatedAt">When the tenant was created (UTC).</param>
public sealed record Tenant(string AccountId, string Name, DateTime CreatedAt)
{
    internal static Tenant FromJson(JsonObject json) =>
        new(AdminJson.String(json, "accountId"), AdminJson.String(json, "name"), AdminJson.Time(json, "createdAt"));
}

/// <summary>An access key of a tenant, as listed (the secret is never shown again after creation).</summary>
/// <param name="AccessKeyId">The key id (<c>AKIA...</c>), the <c>aws_access_key_id</c> of a profile.</param>
/// <param name="CreatedAt">When the key was created (UTC).</param>
public sealed record AccessKey(string AccessKeyId, DateTime CreatedAt)
{
    internal static AccessKey FromJson(JsonObject json) =>
        new(AdminJson.String(json, "accessKeyId"), AdminJson.Time(json, "createdAt"));
}

/// <summary>A newly created access key, with its secret (shown only once).</summary>
/// <param name="AccessKeyId">The key id, the <c>aws_access_key_id</c> of a profile.</param>
/// <param name="SecretAccessKey">The secret, the <c>aws_secret_access_key</c> of a profile.</param>
/// <param name="CreatedAt">When the key was created (UTC).</param>
public sealed record NewAccessKey(string AccessKeyId, string SecretAccessKey, DateTime CreatedAt)
{
    internal static NewAccessKey FromJson(JsonObject json) =>
        new(AdminJson.String(json, "accessKeyId"), AdminJson.String(json, "secretAccessKey"), AdminJson.Time(json, "createdAt"));
}

/// <summary>An xDS token of a tenant, as listed (the token itself is never shown again after creation).</summary>
/// <param name="TokenId">The token's id, used to revoke it.</param>
/// <param name="Description">What it was issued for.</param>
/// <param name="CreatedAt">When it was issued (UTC).</param>
public sealed record XdsToken(string TokenId, string Description, DateTime CreatedAt)
{
    internal static XdsToken FromJson(JsonObject json) =>
        new(AdminJson.String(json, "tokenId"), AdminJson.String(json, "description"), AdminJson.Time(json, "createdAt"));
}

/// <summary>A newly issued xDS token (shown only once): a proxy presents it as <c>CLOUDMESH_XDS_TOKEN</c>.</summary>
/// <param name="TokenId">The token's id, used to revoke it.</param>
/// <param name="Description">What it was issued for.</param>
/// <param name="CreatedAt">When it was issued (UTC).</param>
/// <param name="Token">The bearer token.</param>
public sealed record NewXdsToken(string TokenId, string Description, DateTime CreatedAt, string Token)
{
    internal static NewXdsToken FromJson(JsonObject json) =>
        new(AdminJson.String(json, "tokenId"), AdminJson.String(json, "description"), AdminJson.Time(json, "createdAt"), AdminJson.String(json, "token"));
}

/// <summary>A tenant's effective request rate limit and resource quotas.</summary>
/// <param name="RequestsPerSecond">Sustained API requests per second (token bucket, per server instance); 0 means unlimited.</param>
/// <param name="Burst">The bucket's size.</param>
/// <param name="Quotas">Quota name (as App Mesh names its service quotas, e.g. <c>meshesPerAccount</c>) to its value.</param>
public sealed record TenantLimits(int RequestsPerSecond, int Burst, IReadOnlyDictionary<string, int> Quotas)
{
    internal static TenantLimits FromJson(JsonObject json) => new(
        AdminJson.Int(json, "requestsPerSecond"),
        AdminJson.Int(json, "burst"),
        json["quotas"] is JsonObject quotas
            ? quotas.Where(q => q.Value is JsonValue).ToDictionary(q => q.Key, q => q.Value!.GetValue<int>(), StringComparer.Ordinal)
            : new Dictionary<string, int>());
}

/// <summary>Reads the admin API's JSON members, failing loudly on a member that is missing or of the wrong type.</summary>
internal static class AdminJson
{
    public static string String(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Missing(name, "a string");

    public static int Int(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<int>(out var n) ? n : throw Missing(name, "an integer");

    /// <summary>rest-json timestamps: epoch seconds with a fractional part.</summary>
    public static DateTime Time(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<double>(out var seconds)
            ? DateTime.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond))
            : throw Missing(name, "a timestamp");

    private static FormatException Missing(string name, string what) =>
        new($"The admin API's answer lacks '{name}' as {what}.");
}
