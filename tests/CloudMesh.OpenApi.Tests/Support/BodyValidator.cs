using System.Text.Json.Nodes;

namespace CloudMesh.OpenApi.Tests.Support;

/// <summary>Validates a JSON body against an operation's schema in openapi.yaml with python's jsonschema.</summary>
internal static class BodyValidator
{
    public static ProcessResult Request(string operationId, JsonNode body) => Run(operationId, "request", body);

    public static ProcessResult Response(string operationId, JsonNode body) => Run(operationId, "response", body);

    private static ProcessResult Run(string operationId, string part, JsonNode body)
    {
        var result = ExternalProcess.Python(
            OpenApiDocument.Script("validate_body.py"),
            [OpenApiDocument.CommittedPath, operationId, part],
            body.ToJsonString());
        // 0 and 1 are verdicts; anything else means the check itself broke.
        Assert.True(result.ExitCode is 0 or 1, result.Describe());
        return result;
    }
}
