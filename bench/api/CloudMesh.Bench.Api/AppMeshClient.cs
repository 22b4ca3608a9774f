using System.Net;
using System.Net.Http.Headers;
using CloudMesh.SigV4;

namespace CloudMesh.Bench.Api;

/// <summary>
/// One worker's App Mesh client: builds a request, signs it with the worker's own <see cref="SigV4Signer"/> (so signing
/// cost is on the client, identical for every target) and reads the whole response, as an SDK would.
/// Not thread-safe by intent: one per worker.
/// </summary>
internal sealed class AppMeshClient(HttpClient http, Uri endpoint, SigV4Signer signer)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private long _sent;

    /// <summary>Requests this client has sent (setup and warm-up included), to relate server CPU to work done.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Sends one signed request and returns the status with the response body.</summary>
    public async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(HttpMethod method, string pathAndQuery, byte[]? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoint, pathAndQuery))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var payloadHash = SigV4Request.EmptyPayloadHash;
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
            payloadHash = SigV4Request.HashPayload(body);
        }

        signer.Sign(request, payloadHash);
        Interlocked.Increment(ref _sent);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var content = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return (response.StatusCode, content);
    }

    /// <summary>A pooled HTTP/1.1 client sized for <paramref name="concurrency"/> workers; shared by all workers of a run.</summary>
    public static HttpClient CreateHttpClient(int concurrency) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}
