using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CloudMesh.SigV4;

namespace CloudMesh.Bench.ControlPlane.Setup;

/// <summary>
/// SigV4-signed App Mesh API calls (service <c>appmesh</c>), as the AWS SDKs send them. One instance per concurrent
/// lane: a signer is not shared between concurrent requests.
/// </summary>
internal sealed class AppMeshApi(HttpClient http, Uri endpoint, SigV4Signer signer)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Creates <paramref name="lanes"/> clients sharing one pooled HTTP/1.1 connection pool.</summary>
    public static AppMeshApi[] CreateLanes(Uri endpoint, string accessKeyId, string secretAccessKey, string region, int lanes)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = lanes, UseProxy = false, UseCookies = false })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        return [.. Enumerable.Range(0, lanes).Select(_ => new AppMeshApi(http, endpoint, new SigV4Signer(
            new SigV4Credential(accessKeyId, secretAccessKey, "cloudmesh-bench"), region, "appmesh", TimeProvider.System)))];
    }

    /// <summary>
    /// Sends one PUT with a JSON body (adding a fresh clientToken, as the SDKs do) and fails unless it answers 2xx.
    /// Returns the <see cref="Stopwatch"/> timestamp at which the whole response had been read: the moment the writer
    /// knows its write is committed.
    /// </summary>
    public async Task<long> PutAsync(string path, JsonObject body, CancellationToken ct)
    {
        body["clientToken"] = Guid.NewGuid().ToString();
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(endpoint, path))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = Json;
        signer.Sign(request, SigV4Request.HashPayload(bytes));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        var answered = Stopwatch.GetTimestamp();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT {path} returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }

        return answered;
    }
}
