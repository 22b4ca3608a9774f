using System.Net;
using System.Text.Json.Nodes;

namespace CloudMesh.TestSupport.ApiServer;

/// <summary>An API response as tests look at it: status, the rest-json error code (if any) and the JSON body.</summary>
public sealed record ApiResponse(HttpStatusCode Status, string? ErrorType, JsonNode? Body, string RawBody)
{
    /// <summary>The error message of an error response.</summary>
    public string? Message => Body?["message"]?.GetValue<string>();

    /// <summary>Throws with the whole response when the status is not 2xx (for set-up steps).</summary>
    public ApiResponse EnsureSuccess()
    {
        if ((int)Status is < 200 or > 299)
        {
            throw new InvalidOperationException($"Expected success but got {(int)Status} {ErrorType}: {RawBody}");
        }

        return this;
    }

    /// <inheritdoc />
    public override string ToString() => $"{(int)Status} {ErrorType} {RawBody}";
}
