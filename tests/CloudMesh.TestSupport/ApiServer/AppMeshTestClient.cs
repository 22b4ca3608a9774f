using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CloudMesh.SigV4;

namespace CloudMesh.TestSupport.ApiServer;

/// <summary>
/// A minimal SigV4-signing HTTP client for the App Mesh API, for tests that need exact control over paths, bodies and
/// headers. (Conformance with real, independently written clients is tested separately with the AWS CLI and boto3.)
/// </summary>
public sealed class AppMeshTestClient(HttpClient http, TenantCredentials credentials, string region = "us-east-1")
{
    private readonly SigV4Signer _signer = new(
        new SigV4Credential(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.AccountId), region, "appmesh", TimeProvider.System);

    /// <summary>The tenant this client acts as.</summary>
    public TenantCredentials Credentials => credentials;

    /// <summary>Sends a signed request; <paramref name="body"/> is sent as JSON when given.</summary>
    public Task<ApiResponse> SendAsync(HttpMethod method, string pathAndQuery, JsonNode? body = null, CancellationToken ct = default) =>
        SendRawAsync(method, pathAndQuery, body?.ToJsonString(), ct);

    /// <summary>Sends a signed request with a raw body (which may be malformed on purpose).</summary>
    public async Task<ApiResponse> SendRawAsync(HttpMethod method, string pathAndQuery, string? rawBody, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (rawBody is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(rawBody));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        request.Headers.Host = http.BaseAddress!.Authority;
        if (!request.RequestUri!.IsAbsoluteUri)
        {
            request.RequestUri = new Uri(http.BaseAddress, pathAndQuery);
        }

        await _signer.SignAsync(request, ct);
        return await ReadAsync(await http.SendAsync(request, ct), ct);
    }

    /// <summary>GET.</summary>
    public Task<ApiResponse> GetAsync(string pathAndQuery) => SendAsync(HttpMethod.Get, pathAndQuery);

    /// <summary>PUT with a JSON body.</summary>
    public Task<ApiResponse> PutAsync(string pathAndQuery, JsonNode? body) => SendAsync(HttpMethod.Put, pathAndQuery, body ?? new JsonObject());

    /// <summary>DELETE.</summary>
    public Task<ApiResponse> DeleteAsync(string pathAndQuery) => SendAsync(HttpMethod.Delete, pathAndQuery);

    /// <summary>Reads any response into an <see cref="ApiResponse"/>.</summary>
    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response, CancellationToken ct = default)
    {
        using (response)
        {
            var raw = await response.Content.ReadAsStringAsync(ct);
            JsonNode? body = null;
            if (raw.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                body = JsonNode.Parse(raw);
            }

            var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First() : null;
            return new ApiResponse(response.StatusCode, errorType, body, raw);
        }
    }
}
