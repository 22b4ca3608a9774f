using System.Text.Json.Nodes;
using CloudMesh.AppMesh.Model;

namespace CloudMesh.Fuzz.Tests.Mutation;

/// <summary>
/// An input split the rest-json way into URI labels, query parameters and a JSON body, each still editable by a
/// mutation before <see cref="Render"/> turns them into a request target and body text.
/// </summary>
internal sealed class EncodedRequest
{
    private EncodedRequest(OperationModel operation, JsonObject body)
    {
        Operation = operation;
        Body = body;
    }

    public OperationModel Operation { get; }

    /// <summary>URI label values, already percent-encoded.</summary>
    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    /// <summary>Query parameters in order, names and values already percent-encoded.</summary>
    public List<KeyValuePair<string, string>> Query { get; } = [];

    /// <summary>The JSON body (body members only).</summary>
    public JsonObject Body { get; set; }

    public static EncodedRequest From(OperationModel operation, JsonObject input)
    {
        var body = new JsonObject();
        var request = new EncodedRequest(operation, body);
        foreach (var (name, value) in input)
        {
            var member = operation.Input.GetMember(name);
            switch (member.Location)
            {
                case "uri":
                    request.Labels[member.LocationName] = Uri.EscapeDataString(value!.ToString());
                    break;
                case "querystring":
                    request.Query.Add(KeyValuePair.Create(member.LocationName, Uri.EscapeDataString(value!.ToString())));
                    break;
                default:
                    body[name] = value?.DeepClone();
                    break;
            }
        }

        return request;
    }

    /// <summary>The request target: the URI template with labels substituted, then the query.</summary>
    public string PathAndQuery()
    {
        var path = Operation.RequestUri;
        foreach (var member in Operation.Input.Members.Where(m => m.Location == "uri"))
        {
            path = path.Replace("{" + member.LocationName + "}", Labels.GetValueOrDefault(member.LocationName, ""), StringComparison.Ordinal);
        }

        return Query.Count == 0 ? path : path + "?" + string.Join("&", Query.Select(q => $"{q.Key}={q.Value}"));
    }

    /// <summary>Whether the operation sends a body at all (GET and DELETE with no body members send none).</summary>
    public bool HasBodyMembers => Operation.Input.Members.Any(m => m.Location is null);

    public FuzzRequest Render(string mutation, JsonObject input, bool locationsIntact, string? rawBody = null) => new(
        Operation,
        new HttpMethod(Operation.HttpMethod),
        PathAndQuery(),
        rawBody ?? (HasBodyMembers || Body.Count > 0 ? Body.ToJsonString() : null),
        mutation,
        input,
        locationsIntact);
}
