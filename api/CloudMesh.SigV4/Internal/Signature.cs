using System.Security.Cryptography;

namespace CloudMesh.SigV4.Internal;

/// <summary>String-to-sign, signature computation and the constant-time comparison of signatures.</summary>
internal static class Signature
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Terminator = "aws4_request";

    /// <summary>Length of a signature in lower-case hex.</summary>
    public const int HexLength = 64;

    /// <summary>
    /// Writes HMAC(signingKey, "AWS4-HMAC-SHA256\n{timestamp}\n{date}/{region}/{service}/aws4_request\n{hash}")
    /// as lower-case hex into <paramref name="hexDestination"/>.
    /// </summary>
    public static void ComputeHex(
        ReadOnlySpan<byte> signingKey,
        ReadOnlySpan<char> timestamp,
        ReadOnlySpan<char> region,
        ReadOnlySpan<char> service,
        ReadOnlySpan<byte> canonicalRequestHashHex,
        Span<byte> hexDestination)
    {
        var stringToSign = new ByteBuilder(256);
        try
        {
            WriteStringToSign(ref stringToSign, timestamp, region, service, canonicalRequestHashHex);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(signingKey, stringToSign.Written, mac);
            Hex.WriteLower(mac, hexDestination);
        }
        finally
        {
            stringToSign.Dispose();
        }
    }

    public static string BuildStringToSign(
        ReadOnlySpan<char> timestamp, ReadOnlySpan<char> region, ReadOnlySpan<char> service, ReadOnlySpan<byte> canonicalRequestHashHex)
    {
        var stringToSign = new ByteBuilder(256);
        try
        {
            WriteStringToSign(ref stringToSign, timestamp, region, service, canonicalRequestHashHex);
            return stringToSign.ToString();
        }
        finally
        {
            stringToSign.Dispose();
        }
    }

    /// <summary>
    /// True when the provided signature equals the expected one. The comparison takes the same time wherever the
    /// first differing byte is, so a caller cannot discover a valid signature byte by byte.
    /// </summary>
    public static bool FixedTimeMatches(ReadOnlySpan<byte> expectedHex, ReadOnlySpan<char> providedHex)
    {
        if (providedHex.Length != expectedHex.Length || providedHex.Length != HexLength)
        {
            // Length is public (always 64 for a real signature); nothing secret leaks from this early exit.
            return false;
        }

        Span<byte> provided = stackalloc byte[HexLength];
        for (int i = 0; i < HexLength; i++)
        {
            char c = providedHex[i];
            provided[i] = c < 0x80 ? (byte)c : (byte)0;
        }

        return CryptographicOperations.FixedTimeEquals(expectedHex, provided);
    }

    private static void WriteStringToSign(
        ref ByteBuilder output,
        ReadOnlySpan<char> timestamp,
        ReadOnlySpan<char> region,
        ReadOnlySpan<char> service,
        ReadOnlySpan<byte> canonicalRequestHashHex)
    {
        output.Append("AWS4-HMAC-SHA256\n"u8);
        output.Append(timestamp);
        output.Append((byte)'\n');
        output.Append(timestamp[..8]);
        output.Append((byte)'/');
        output.Append(region);
        output.Append((byte)'/');
        output.Append(service);
        output.Append("/aws4_request\n"u8);
        output.Append(canonicalRequestHashHex);
    }
}
