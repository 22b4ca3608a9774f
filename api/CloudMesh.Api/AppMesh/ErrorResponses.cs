using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CloudMesh.Api.AppMesh;

/// <summary>
/// Writes errors the rest-json way botocore parses them: the code in the <c>x-amzn-ErrorType</c> header, the
/// message in a JSON body <c>{"message": ...}</c>, and the code's HTTP status.
/// </summary>
public static class ErrorResponses
{
    /// <summary>Writes one error response.</summary>
    public static async Task WriteAsync(HttpContext http, int status, string code, string message)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.Headers["x-amzn-ErrorType"] = code;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter.AsStream());
        writer.WriteStartObject();
        writer.WriteString("message", message);
        writer.WriteEndObject();
    }
}
