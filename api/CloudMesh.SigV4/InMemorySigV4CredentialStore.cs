using System.Collections.Frozen;

namespace CloudMesh.SigV4;

/// <summary>A fixed set of credentials held in memory; immutable and thread-safe.</summary>
public sealed class InMemorySigV4CredentialStore : ISigV4CredentialStore
{
    private readonly FrozenDictionary<string, SigV4Credential> _byAccessKeyId;

    /// <summary>Creates a store holding <paramref name="credentials"/>; access key ids must be unique.</summary>
    /// <exception cref="ArgumentException">Two credentials share an access key id.</exception>
    public InMemorySigV4CredentialStore(IEnumerable<SigV4Credential> credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var map = new Dictionary<string, SigV4Credential>(StringComparer.Ordinal);
        foreach (SigV4Credential credential in credentials)
        {
            if (!map.TryAdd(credential.AccessKeyId, credential))
            {
                throw new ArgumentException($"Access key id '{credential.AccessKeyId}' appears more than once.", nameof(credentials));
            }
        }

        _byAccessKeyId = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public ValueTask<SigV4Credential?> FindAsync(string accessKeyId, CancellationToken ct) =>
        ValueTask.FromResult(_byAccessKeyId.GetValueOrDefault(accessKeyId));
}
