using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CloudMesh.ControlPlane.Resources;

namespace CloudMesh.ControlPlane.Tests.Resources;

public sealed class ContentHashTests
{
    [Fact]
    public void A_pair_hash_is_the_first_64_bits_of_SHA256_over_length_prefixed_UTF8()
    {
        // Versions must not change between releases: replicas of two versions serve the same proxies during an
        // upgrade, and a proxy reconnecting with a version it holds is not sent its config again. The long value
        // outgrows the first pooled buffer; the non-ASCII one has more bytes than characters.
        (string, string)[] pairs = [("cds", "0123456789abcdef"), ("name-ü", "värde"), ("long", new string('x', 5000))];

        Assert.Equal(Reference(pairs), ContentHash.OfPairs(pairs));
    }

    [Fact]
    public void No_pairs_hash_the_empty_input()
    {
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])[..8]), ContentHash.OfPairs([]));
    }

    private static string Reference((string Key, string Value)[] pairs)
    {
        var bytes = new List<byte>();
        foreach ((string key, string value) in pairs)
        {
            foreach (string text in new[] { key, value })
            {
                byte[] utf8 = Encoding.UTF8.GetBytes(text);
                var length = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(length, utf8.Length);
                bytes.AddRange(length);
                bytes.AddRange(utf8);
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData([.. bytes])[..8]);
    }
}
