using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudMesh.TestSupport.ApiServer;

namespace CloudMesh.EndToEnd.Tests.Support;

/// <summary>App Mesh API calls the end-to-end scenarios make, through SigV4-signed requests to a real server.</summary>
public static class MeshWriter
{
    public static async Task CreateAsync(AppMeshTestClient client, string path, string nameMember, string name, string spec) =>
        (await client.PutAsync(path, new JsonObject { [nameMember] = name, ["spec"] = JsonNode.Parse(spec) })).EnsureSuccess();

    public static async Task UpdateAsync(AppMeshTestClient client, string path, string spec) =>
        (await client.PutAsync(path, new JsonObject { ["spec"] = JsonNode.Parse(spec) })).EnsureSuccess();

    /// <summary>Issues an xDS token for the tenant through the admin API.</summary>
    public static async Task<string> IssueXdsTokenAsync(HttpClient http, string adminToken, string accountId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/v1/tenants/{accountId}/xds-tokens");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }
}
