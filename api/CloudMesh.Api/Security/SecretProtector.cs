using System.Security.Cryptography;
using System.Text;

namespace CloudMesh.Api.Security;

/// <summary>
/// Encrypts stored access-key secrets with AES-256-GCM under the service's key (SigV4 verification needs the
/// secret itself, so it cannot be hashed). The key id is authenticated data: a ciphertext moved to another key's row
/// fails to decrypt. Layout: nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class SecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    /// <summary>Creates a protector from a 32-byte key.</summary>
    public SecretProtector(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The encryption key must be exactly 32 bytes.", nameof(key));
        }

        _key = key;
    }

    /// <summary>Encrypts <paramref name="secret"/>, binding it to <paramref name="keyId"/>.</summary>
    public byte[] Protect(string keyId, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(keyId));
        return output;
    }

    /// <summary>Decrypts a secret stored for <paramref name="keyId"/>; throws <see cref="CryptographicException"/> if it was tampered with.</summary>
    public string Unprotect(string keyId, byte[] stored)
    {
        if (stored.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The stored secret is truncated.");
        }

        var plain = new byte[stored.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(stored.AsSpan(0, NonceSize), stored.AsSpan(NonceSize + TagSize), stored.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(keyId));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Derives a purpose-specific subkey (e.g. for page tokens) so one configured key serves several uses safely.</summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, info: Encoding.UTF8.GetBytes("cloudmesh:" + purpose));
}
