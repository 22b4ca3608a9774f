using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudMesh.Sdk.Admin;

/// <summary>
/// Client of CloudMesh's admin API (<c>/admin/v1</c>): tenants, their access keys and xDS tokens, and per-tenant rate
/// limits and quotas. It authenticates with the operator's admin bearer token, never with a tenant's access key.
/// Thread-safe; dispose it to release the <see cref="HttpClient"/> it created (one passed in is left to its owner).
/// </summary>
public sealed class CloudMeshAdminClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly AuthenticationHeaderValue _authorization;

    /// <summary>Creates a client for the CloudMesh server at <paramref name="endpoint"/> (e.g. <c>http://127.0.0.1:8080</c>).</summary>
    /// <param name="endpoint">The API's base address.</param>
    /// <param name="adminToken">The admin bearer token (<c>CLOUDMESH_ADMIN_TOKEN</c> or <c>$CLOUDMESH_HOME/admin-token</c> on the server).</param>
    /// <param name="httpClient">An HTTP client to use; the default creates one.</param>
    public CloudMeshAdminClient(Uri endpoint, string adminToken, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(adminToken);
        Endpoint = endpoint;
        _http = httpClient ?? new HttpClient();
        _ownsHttp = httpClient is null;
        _authorization = new AuthenticationHeaderValue("Bearer", adminToken.Trim());
    }

    /// <summary>The API's base address.</summary>
    public Uri Endpoint { get; }

    /// <summary>Creates a tenant (an account with its own meshes).</summary>
    public async Task<Tenant> CreateTenantAsync(string name, CancellationToken cancellationToken = default) =>
        Tenant.FromJson(await SendAsync(HttpMethod.Post, "tenants", new JsonObject { ["name"] = name }, cancellationToken));

    /// <summary>Lists every tenant.</summary>
    public async Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken cancellationToken = default) =>
        Items(await SendAsync(HttpMethod.Get, "tenants", null, cancellationToken), "tenants", Tenant.FromJson);

    /// <summary>Describes one tenant; throws <see cref="CloudMeshAdminException"/> (404) when it does not exist.</summary>
    public async Task<Tenant> GetTenantAsync(string accountId, CancellationToken cancellationToken = default) =>
        Tenant.FromJson(await SendAsync(HttpMethod.Get, $"tenants/{Escape(accountId)}", null, cancellationToken));

    /// <summary>Deletes a tenant with everything it owns.</summary>
    public Task DeleteTenantAsync(string accountId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"tenants/{Escape(accountId)}", null, cancellationToken);

    /// <summary>Creates an access key for a tenant; the secret is returned only here, once.</summary>
    public async Task<NewAccessKey> CreateAccessKeyAsync(string accountId, CancellationToken cancellationToken = default) =>
        NewAccessKey.FromJson(await SendAsync(HttpMethod.Post, $"tenants/{Escape(accountId)}/access-keys", null, cancellationToken));

    /// <summary>Lists a tenant's access keys (ids and creation times; never secrets).</summary>
    public async Task<IReadOnlyList<AccessKey>> ListAccessKeysAsync(string accountId, CancellationToken cancellationToken = default) =>
        Items(await SendAsync(HttpMethod.Get, $"tenants/{Escape(accountId)}/access-keys", null, cancellationToken), "accessKeys", AccessKey.FromJson);

    /// <summary>Deletes (revokes) an access key.</summary>
    public Task DeleteAccessKeyAsync(string accountId, string accessKeyId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"tenants/{Escape(accountId)}/access-keys/{Escape(accessKeyId)}", null, cancellationToken);

    /// <summary>Issues an xDS token, with which a proxy's ADS stream authenticates as the tenant; returned only here, once.</summary>
    public async Task<NewXdsToken> CreateXdsTokenAsync(string accountId, string? description = null, CancellationToken cancellationToken = default) =>
        NewXdsToken.FromJson(await SendAsync(HttpMethod.Post, $"tenants/{Escape(accountId)}/xds-tokens",
            new JsonObject { ["description"] = description ?? "" }, cancellationToken));

    /// <summary>Lists a tenant's xDS tokens (ids and descriptions; never the tokens).</summary>
    public async Task<IReadOnlyList<XdsToken>> ListXdsTokensAsync(string accountId, CancellationToken cancellationToken = default) =>
        Items(await SendAsync(HttpMethod.Get, $"tenants/{Escape(accountId)}/xds-tokens", null, cancellationToken), "xdsTokens", XdsToken.FromJson);

    /// <summary>Revokes an xDS token; streams it authenticated are not cut, new ones are refused.</summary>
    public Task DeleteXdsTokenAsync(string accountId, string tokenId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"tenants/{Escape(accountId)}/xds-tokens/{Escape(tokenId)}", null, cancellationToken);

    /// <summary>Reads a tenant's effective rate limit and quotas.</summary>
    public async Task<TenantLimits> GetLimitsAsync(string accountId, CancellationToken cancellationToken = default) =>
        TenantLimits.FromJson(await SendAsync(HttpMethod.Get, $"tenants/{Escape(accountId)}/limits", null, cancellationToken));

    /// <summary>
    /// Overrides a tenant's rate limit and/or quotas; members left null keep their current values, and only the quotas
    /// named in <paramref name="quotas"/> change. Returns the limits now in force.
    /// </summary>
    public async Task<TenantLimits> SetLimitsAsync(string accountId, int? requestsPerSecond = null, int? burst = null,
        IReadOnlyDictionary<string, int>? quotas = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject();
        if (requestsPerSecond is { } rps)
        {
            body["requestsPerSecond"] = rps;
        }

        if (burst is { } b)
        {
            body["burst"] = b;
        }

        if (quotas is not null)
        {
            body["quotas"] = new JsonObject(quotas.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value)));
        }

        return TenantLimits.FromJson(await SendAsync(HttpMethod.Put, $"tenants/{Escape(accountId)}/limits", body, cancellationToken));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(Endpoint, "/admin/v1/" + path));
        request.Headers.Authorization = _authorization;
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw CloudMeshAdminException.FromResponse(response, text);
        }

        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject
            ?? throw new CloudMeshAdminException(response.StatusCode, null, $"The admin API answered {method} {path} with a body that is not a JSON object.");
    }

    private static IReadOnlyList<T> Items<T>(JsonObject page, string member, Func<JsonObject, T> read) =>
        page[member] is JsonArray items ? [.. items.OfType<JsonObject>().Select(read)] : [];

    private static string Escape(string segment)
    {
        ArgumentException.ThrowIfNullOrEmpty(segment);
        return Uri.EscapeDataString(segment);
    }
}
