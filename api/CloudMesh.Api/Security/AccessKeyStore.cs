using System.Collections.Concurrent;
using CloudMesh.SigV4;
using Npgsql;

namespace CloudMesh.Api.Security;

/// <summary>
/// Looks up access keys for SigV4 verification (the hot path of every request): one indexed query, decrypted secret
/// cached briefly. A deleted key stops working on the instance that deleted it at once and on other instances
/// within <see cref="CacheFor"/>.
/// </summary>
public sealed class AccessKeyStore(NpgsqlDataSource dataSource, SecretProtector protector, TimeProvider time) : ISigV4CredentialStore
{
    /// <summary>How long a looked-up key (or its absence) is remembered.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (SigV4Credential? Credential, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async ValueTask<SigV4Credential?> FindAsync(string accessKeyId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(accessKeyId, out var cached) && cached.Expires > now)
        {
            return cached.Credential;
        }

        SigV4Credential? credential = null;
        await using (var cmd = dataSource.CreateCommand("SELECT account_id, encrypted_secret FROM access_keys WHERE access_key_id = $1"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = accessKeyId });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                var account = reader.GetString(0);
                var secret = protector.Unprotect(accessKeyId, reader.GetFieldValue<byte[]>(1));
                credential = new SigV4Credential(accessKeyId, secret, account);
            }
        }

        if (_cache.Count > 100_000)
        {
            _cache.Clear(); // bounded: unknown key ids sent by anyone must not grow memory without limit
        }

        _cache[accessKeyId] = (credential, now + CacheFor);
        return credential;
    }

    /// <summary>Forgets a key (after it was deleted or its tenant was deleted on this instance).</summary>
    public void Invalidate(string accessKeyId) => _cache.TryRemove(accessKeyId, out _);

    /// <summary>Forgets every cached key.</summary>
    public void InvalidateAll() => _cache.Clear();
}
