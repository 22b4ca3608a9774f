using System.Text;

namespace CloudMesh.SigV4;

/// <summary>
/// An access key and its secret, with the principal it authenticates as.
/// </summary>
/// <param name="AccessKeyId">The public key id the client names in its credential scope.</param>
/// <param name="SecretAccessKey">The shared secret the signing key is derived from.</param>
/// <param name="Principal">Opaque to this library; the host puts the tenant's account id here.</param>
public sealed record SigV4Credential(string AccessKeyId, string SecretAccessKey, string Principal)
{
    /// <summary>
    /// The session token a request must carry when this credential is temporary; null for long-term keys.
    /// A request carrying a token for a credential without one is refused (see <see cref="SigV4Verifier"/>).
    /// </summary>
    public string? SessionToken { get; init; }

    // Keep secrets out of logs: records print every member by default.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccessKeyId = ").Append(AccessKeyId)
            .Append(", SecretAccessKey = ***, Principal = ").Append(Principal)
            .Append(", SessionToken = ").Append(SessionToken is null ? "null" : "***");
        return true;
    }
}
