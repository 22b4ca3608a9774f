using System.Collections.Concurrent;
using System.Security.Cryptography;
using CloudMesh.ControlPlane.Sources;
using Npgsql;

namespace CloudMesh.ControlPlane.Postgres;

/// <summary>An issued xDS token's public part.</summary>
/// <param name="TokenId">Identifies the token for listing and revocation.</param>
/// <param name="Description">What the operator said it is for.</param>
/// <param name="CreatedAt">When it was issued.</param>
public sealed record XdsTokenInfo(string TokenId, string Description, DateTimeOffset CreatedAt);

/// <summary>
/// Tenant-scoped xDS tokens: bearer secrets a proxy presents (gRPC metadata or bootstrap node metadata)
/// to bind its stream to a tenant. Only their SHA-256 is stored; validation results are cached for
/// <see cref="ControlPlaneStoreOptions.TokenCacheDuration"/>, which bounds how long a revoked token keeps working.
/// </summary>
public sealed class XdsTokenStore(NpgsqlDataSource dataSource, ControlPlaneStoreOptions options, TimeProvider time) : IXdsTokenValidator
{
    /// <summary>Every token starts with this, so leaked ones are easy to recognise and scan for.</summary>
    public const string Prefix = "cmx_";

    private readonly ConcurrentDictionary<string, (string? AccountId, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>Issues a token for <paramref name="accountId"/>; null when the tenant does not exist. The secret is returned only here.</summary>
    public async Task<(XdsTokenInfo Info, string Token)?> IssueAsync(string accountId, string description, CancellationToken ct)
    {
        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var tokenId = "xdst-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var now = time.GetUtcNow();
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO xds_tokens (token_id, account_id, token_hash, description, created_at)
            SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM tenants WHERE account_id = $2)
            """);
        cmd.Parameters.Add(new() { Value = tokenId });
        cmd.Parameters.Add(new() { Value = accountId });
        cmd.Parameters.Add(new() { Value = Hash(token) });
        cmd.Parameters.Add(new() { Value = description });
        cmd.Parameters.Add(new() { Value = now });
        return await cmd.ExecuteNonQueryAsync(ct) == 1 ? (new XdsTokenInfo(tokenId, description, now), token) : null;
    }

    /// <summary>The tenant's tokens (never their secrets), oldest first.</summary>
    public async Task<IReadOnlyList<XdsTokenInfo>> ListAsync(string accountId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT token_id, description, created_at FROM xds_tokens WHERE account_id = $1 ORDER BY created_at, token_id");
        cmd.Parameters.Add(new() { Value = accountId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<XdsTokenInfo>();
        while (await reader.ReadAsync(ct))
        {
            result.Add(new XdsTokenInfo(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return result;
    }

    /// <summary>Revokes a token; false when the tenant has no such token.</summary>
    public async Task<bool> RevokeAsync(string accountId, string tokenId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM xds_tokens WHERE account_id = $1 AND token_id = $2");
        cmd.Parameters.Add(new() { Value = accountId });
        cmd.Parameters.Add(new() { Value = tokenId });
        var revoked = await cmd.ExecuteNonQueryAsync(ct) == 1;
        _cache.Clear(); // this replica forgets at once; others within the cache period
        return revoked;
    }

    /// <inheritdoc />
    public async ValueTask<string?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 128)
        {
            return null;
        }

        var key = Convert.ToHexString(Hash(token)); // the cache never holds secrets either
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return cached.AccountId;
        }

        await using var cmd = dataSource.CreateCommand("SELECT account_id FROM xds_tokens WHERE token_hash = $1");
        cmd.Parameters.Add(new() { Value = Hash(token) });
        var accountId = await cmd.ExecuteScalarAsync(cancellationToken) as string;
        if (_cache.Count > 10_000)
        {
            _cache.Clear(); // bounded: guessing attackers must not grow it without limit
        }

        _cache[key] = (accountId, now + options.TokenCacheDuration);
        return accountId;
    }

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
