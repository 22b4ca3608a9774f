using System.Buffers;
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
        // One SHA-256 over a pooled buffer rather than an incremental hash fed per string: the same bytes, so the
        // same versions as before on every replica, without a hasher and two arrays per pair. Versions are computed
        // for every resource set of every recomputed identity.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1024);
        int written = 0;
        try
        {
            foreach ((string key, string value) in pairs)
            {
                // Length-prefixed so that ("ab","c") and ("a","bc") cannot collide.
                Append(ref buffer, ref written, key);
                Append(ref buffer, ref written, value);
            }

            return Of(buffer.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Append(ref byte[] buffer, ref int written, string value)
    {
        int needed = written + sizeof(int) + Encoding.UTF8.GetMaxByteCount(value.Length);
        if (needed > buffer.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
            buffer.AsSpan(0, written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        int length = Encoding.UTF8.GetBytes(value, buffer.AsSpan(written + sizeof(int)));
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(written), length);
        written += sizeof(int) + length;
    }
}
