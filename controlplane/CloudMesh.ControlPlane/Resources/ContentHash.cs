using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CloudMesh.ControlPlane.Resources;

/// <summary>
/// Versions derived from content: equal bytes give equal versions on every replica, so a proxy that reconnects
/// to another replica is recognised as up to date and nothing is resent.
/// </summary>
internal static class ContentHash
{
    /// <summary>16 hex digits (64 bits of SHA-256): collisions among one proxy's resources are not a practical concern.</summary>
    public static string Of(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>The version of a set of resources: a hash of every (name, version) pair in name order.</summary>
    public static string OfSet(IReadOnlyList<XdsResource> orderedResources) =>
        OfPairs(orderedResources.Select(static r => (r.Name, r.Version)));

    /// <summary>A hash of (key, value) pairs in the order given.</summary>
    public static string OfPairs(IEnumerable<(string Key, string Value)> pairs)
    {
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach ((string key, string value) in pairs)
        {
            // Length-prefixed so that ("ab","c") and ("a","bc") cannot collide.
            AppendString(hasher, key, length);
            AppendString(hasher, value, length);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        hasher.GetHashAndReset(hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    private static void AppendString(IncrementalHash hasher, string value, Span<byte> lengthBuffer)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32LittleEndian(lengthBuffer, bytes.Length);
        hasher.AppendData(lengthBuffer);
        hasher.AppendData(bytes);
    }
}
