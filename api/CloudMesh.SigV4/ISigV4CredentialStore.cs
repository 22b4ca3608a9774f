namespace CloudMesh.SigV4;

/// <summary>
/// Looks up the secret for an access key id. Called once per verified request, so implementations should
/// answer from memory (return a completed <see cref="ValueTask{TResult}"/>) where they can.
/// Implementations must be thread-safe.
/// </summary>
public interface ISigV4CredentialStore
{
    /// <summary>The credential for <paramref name="accessKeyId"/>, or null when no such key exists (or it is disabled).</summary>
    /// <param name="accessKeyId">The access key id from the request's credential scope.</param>
    /// <param name="ct">Cancels the lookup.</param>
    ValueTask<SigV4Credential?> FindAsync(string accessKeyId, CancellationToken ct);
}
