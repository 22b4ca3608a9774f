using System.Text.Json.Nodes;

namespace CloudMesh.AppMesh.Model;

/// <summary>What to put on the wire for an operation's output.</summary>
/// <param name="Body">The JSON body, or <c>null</c> for an empty body.</param>
/// <param name="Headers">Response headers bound from output members with <c>location: header</c>.</param>
public sealed record ShapedOutput(JsonNode? Body, IReadOnlyList<KeyValuePair<string, string>> Headers);
