using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Errors;
using CloudMesh.Api.Persistence;

namespace CloudMesh.Api.AppMesh;

/// <summary>
/// A request's clientToken (App Mesh's idempotency token): the same token with the same input replays the first
/// response; the same token with other input is a ConflictException. Tokens are opaque and of any length, so a
/// fixed-size digest keys them (and fits the index); the input is compared by its canonical hash without the token.
/// </summary>
/// <param name="Text">The token as sent.</param>
/// <param name="Digest">Hex SHA-256 of the token.</param>
/// <param name="Operation">The operation it was sent with.</param>
/// <param name="RequestHash">The canonical hash of the input, leaving out the token.</param>
public sealed record ClientToken(string Text, string Digest, string Operation, string RequestHash)
{
    /// <summary>The token of <paramref name="input"/>, or null when it carries none.</summary>
    public static ClientToken? Of(AppMeshOperation operation, JsonObject input) =>
        InputMembers.String(input, "clientToken") is { } text
            ? new ClientToken(
                text,
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
                operation.Name,
                CanonicalJson.Hash(input, except: "clientToken"))
            : null;

    /// <summary>What a request with this token answers given what an earlier one recorded.</summary>
    /// <exception cref="AppMeshException">ConflictException when the earlier request was a different one.</exception>
    public JsonObject Replay(ResourceWriteStatements.StoredToken prior) =>
        prior.Operation == Operation && prior.RequestHash == RequestHash
            ? JsonNode.Parse(prior.Response)!.AsObject()
            : throw AppMeshException.Conflict(
                $"clientToken: '{Shorten(Text)}' was already used with a different request ({prior.Operation}); use a new token for a new request.");

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
