using System.Net;
using System.Text.Json.Nodes;

namespace CloudMesh.Kubernetes.Client;

/// <summary>The API server answered with an error: its HTTP status and the <c>Status</c> object's reason and message.</summary>
public sealed class KubernetesApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KubernetesApiException(HttpStatusCode statusCode, string? reason, string message)
        : base($"{(int)statusCode} {reason}: {message}")
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The HTTP status (for a watch ERROR event, the Status object's code).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The Status reason (<c>NotFound</c>, <c>Conflict</c>, <c>Expired</c>, <c>Gone</c>...), when given.</summary>
    public string? Reason { get; }

    /// <summary>Whether the resourceVersion asked for is too old (410 Gone): the caller must list again.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone;

    /// <summary>Builds the exception from a <c>Status</c> object (a response body or a watch ERROR event's object).</summary>
    public static KubernetesApiException FromStatus(HttpStatusCode fallback, JsonNode? status, string? rawBody = null)
    {
        var code = status?["code"] is JsonValue c && c.TryGetValue<int>(out var n) ? (HttpStatusCode)n : fallback;
        var reason = status?["reason"] is JsonValue r && r.TryGetValue<string>(out var text) ? text : null;
        var message = status?["message"] is JsonValue m && m.TryGetValue<string>(out var msg) ? msg : rawBody ?? "";
        return new KubernetesApiException(code, reason, message);
    }
}
