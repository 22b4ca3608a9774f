using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMesh.Sdk.Admin;

/// <summary>
/// An error answered by the admin API, in App Mesh's rest-json error format: the error type (the
/// <c>x-amzn-ErrorType</c> header, e.g. <c>NotFoundException</c>), the status code and the server's message.
/// </summary>
public sealed class CloudMeshAdminException(HttpStatusCode statusCode, string? errorCode, string message) : Exception(message)
{
    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The error type, e.g. <c>NotFoundException</c>; null when the server did not name one.</summary>
    public string? ErrorCode { get; } = errorCode;

    internal static CloudMeshAdminException FromResponse(HttpResponseMessage response, string body)
    {
        // The header may carry a suffix after ':' (rest-json allows "Type:namespace"), as the AWS SDKs strip it.
        var type = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First().Split(':')[0] : null;
        string? message = null;
        try
        {
            message = (JsonNode.Parse(body) as JsonObject)?["message"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not a rest-json error body (a proxy in between, say): fall back to the status line below.
        }

        return new CloudMeshAdminException(response.StatusCode, type,
            message ?? $"The admin API answered {(int)response.StatusCode} {response.ReasonPhrase}{(body.Length > 0 ? ": " + body : "")}");
    }
}
