using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CloudMesh.Api.Core.Paging;

/// <summary>
/// Opaque, tamper-evident List continuation tokens. A token carries the last name returned and is bound (by an
/// HMAC over the scope) to the tenant and the listing it came from, so it cannot be forged, edited or replayed
/// against another listing. Paging is keyset paging on the name, so a page never skips or repeats a resource
/// that exists throughout the listing, whatever else is written meanwhile.
/// </summary>
public sealed class PageTokenCodec
{
    private const int MacLength = 16;
    private readonly byte[] _key;

    /// <summary>Creates a codec with a secret key (at least 32 bytes).</summary>
    public PageTokenCodec(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The page token key must be at least 32 bytes.", nameof(key));
        }

        _key = key;
    }

    /// <summary>Encodes a token that resumes <paramref name="scope"/> after <paramref name="lastName"/>.</summary>
    public string Encode(string scope, string lastName)
    {
        var name = Encoding.UTF8.GetBytes(lastName);
        var payload = new byte[1 + name.Length + MacLength];
        payload[0] = 1; // format version
        name.CopyTo(payload, 1);
        Mac(scope, payload.AsSpan(0, 1 + name.Length)).CopyTo(payload.AsSpan(1 + name.Length));
        return Base64Url.EncodeToString(payload);
    }

    /// <summary>
    /// Decodes a token for <paramref name="scope"/>. Returns false for anything this codec did not issue for that
    /// scope (garbage, a modified token, or one from another listing or tenant).
    /// </summary>
    public bool TryDecode(string scope, string token, out string lastName)
    {
        lastName = "";
        byte[] payload;
        try
        {
            payload = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }

        if (payload.Length < 1 + MacLength || payload[0] != 1)
        {
            return false;
        }

        var body = payload.AsSpan(0, payload.Length - MacLength);
        if (!CryptographicOperations.FixedTimeEquals(Mac(scope, body), payload.AsSpan(payload.Length - MacLength)))
        {
            return false;
        }

        try
        {
            lastName = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body[1..]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        return true;
    }

    private byte[] Mac(string scope, ReadOnlySpan<byte> body)
    {
        var scopeBytes = Encoding.UTF8.GetBytes(scope);
        var data = new byte[scopeBytes.Length + 1 + body.Length];
        scopeBytes.CopyTo(data, 0);
        data[scopeBytes.Length] = 0;
        body.CopyTo(data.AsSpan(scopeBytes.Length + 1));
        return HMACSHA256.HashData(_key, data)[..MacLength];
    }
}
