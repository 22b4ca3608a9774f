using System.Text.Json;
using CloudMesh.AppMesh.Model;
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
        // Messages may quote client input; an unpaired surrogate in it would make the JSON writer throw.
        writer.WriteString("message", UnicodeText.WellFormed(message));
        writer.WriteEndObject();
    }
}
