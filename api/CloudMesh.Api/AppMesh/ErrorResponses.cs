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
        writer.WriteString("message", WellFormed(message));
        writer.WriteEndObject();
    }

    // Messages may quote client input; an unpaired surrogate in it would make the JSON writer throw.
    private static string WellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                var chars = text.ToCharArray();
                for (var j = i; j < chars.Length; j++)
                {
                    if (char.IsHighSurrogate(chars[j]) && j + 1 < chars.Length && char.IsLowSurrogate(chars[j + 1]))
                    {
                        j++;
                    }
                    else if (char.IsSurrogate(chars[j]))
                    {
                        chars[j] = '\uFFFD';
                    }
                }

                return new string(chars);
            }
        }

        return text;
    }
}
