using System.Text.Json.Nodes;
using CloudMesh.AppMesh.Model;

namespace CloudMesh.Fuzz.Tests.Mutation;

/// <summary>One request the fuzzer sends, with what it meant to send.</summary>
/// <param name="Operation">The operation the request was generated for.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The request target, already percent-encoded (mutations may encode it badly on purpose).</param>
/// <param name="Body">The raw body, or null for none.</param>
/// <param name="Mutation">What was done to the valid input; <c>valid</c> when nothing.</param>
/// <param name="Input">The valid input the request was generated from, before mutation.</param>
/// <param name="LocationsIntact">Whether URI labels and query values still say what <paramref name="Input"/> says.</param>
internal sealed record FuzzRequest(
    OperationModel Operation,
    HttpMethod Method,
    string PathAndQuery,
    string? Body,
    string Mutation,
    JsonObject Input,
    bool LocationsIntact)
{
    public bool IsValid => Mutation == "valid";

    /// <summary>The request for a failure report (long bodies cut).</summary>
    public string Describe()
    {
        var body = Body is null ? "(none)" : Body.Length > 600 ? $"{Body[..600]}… ({Body.Length} chars)" : Body;
        var target = PathAndQuery.Length > 300 ? $"{PathAndQuery[..300]}… ({PathAndQuery.Length} chars)" : PathAndQuery;
        return $"{Operation.Name} [{Mutation}] {Method} {target} body={body}";
    }
}
