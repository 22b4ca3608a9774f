using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;

namespace CloudMesh.Grpc.Tests.Support;

/// <summary>
/// gRPC requests built by hand on a plain HttpClient, for protocol cases a well-behaved client never produces
/// and for checking exactly where the server puts status and trailers.
/// </summary>
public static class RawGrpc
{
    public const string TestService = "/cloudmesh.grpc.test.TestService/";

    public static HttpClient CreateClient() => new(new SocketsHttpHandler());

    /// <summary>A length-prefixed message; <paramref name="compressedFlag"/> sets the flag without compressing.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload, bool compressedFlag = false)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressedFlag ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(5));
        return frame;
    }

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    /// <summary>An HTTP/2 request (h2c with prior knowledge for http://) unless <paramref name="version"/> says otherwise.</summary>
    public static HttpRequestMessage Request(
        Uri address,
        string path,
        byte[] body,
        string contentType = "application/grpc",
        Version? version = null,
        params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Content = new ByteArrayContent(body),
            Version = version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.TryAddWithoutValidation("content-type", contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>Sends and reads the whole response: status code, headers, body and trailers.</summary>
    public static async Task<RawResponse> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        return new RawResponse(
            response.StatusCode,
            response.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value)),
            response.Content.Headers.ContentType?.MediaType,
            body,
            response.TrailingHeaders.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value)));
    }
}

public sealed record RawResponse(
    HttpStatusCode StatusCode,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    byte[] Body,
    IReadOnlyDictionary<string, string> Trailers)
{
    public string? HeaderStatus => Headers.GetValueOrDefault("grpc-status");

    public string? TrailerStatus => Trailers.GetValueOrDefault("grpc-status");
}
