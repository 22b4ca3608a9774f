using System.Text;

namespace CloudMesh.SigV4.Internal;

/// <summary>
/// RFC 3986 percent-encoding as SigV4 defines it: only A-Z a-z 0-9 - _ . ~ stay literal, every other
/// byte of the UTF-8 form becomes %XX with upper-case hex.
/// </summary>
internal static class UriEncoding
{
    private static ReadOnlySpan<byte> UpperDigits => "0123456789ABCDEF"u8;

    public static bool IsUnreserved(int b) =>
        b is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';

    /// <summary>
    /// Encodes <paramref name="raw"/> into <paramref name="output"/>. With <paramref name="decodeFirst"/>,
    /// valid %XX escapes are decoded before encoding (query components: the wire form is normalised);
    /// without it, '%' itself is encoded (paths: botocore encodes the already-encoded path again).
    /// </summary>
    public static void AppendEncoded(ref ByteBuilder output, ReadOnlySpan<char> raw, bool decodeFirst, bool keepSlash)
    {
        Span<byte> utf8 = stackalloc byte[4];
        int i = 0;
        while (i < raw.Length)
        {
            char c = raw[i];
            if (decodeFirst && c == '%' && TryDecodeEscape(raw, i, out byte decoded))
            {
                AppendByte(ref output, decoded, keepSlash);
                i += 3;
            }
            else if (c < 0x80)
            {
                AppendByte(ref output, (byte)c, keepSlash);
                i++;
            }
            else
            {
                // Non-ASCII text: encode its UTF-8 bytes, as botocore's quote() does.
                if (Rune.DecodeFromUtf16(raw[i..], out Rune rune, out int consumed) != System.Buffers.OperationStatus.Done)
                {
                    rune = Rune.ReplacementChar;
                }

                int written = rune.EncodeToUtf8(utf8);
                for (int k = 0; k < written; k++)
                {
                    AppendByte(ref output, utf8[k], keepSlash);
                }

                i += Math.Max(consumed, 1);
            }
        }
    }

    /// <summary>Decodes %XX escapes and UTF-8 into text (used to read X-Amz-* query parameter values).</summary>
    public static string Decode(ReadOnlySpan<char> raw)
    {
        if (raw.IndexOf('%') < 0)
        {
            return raw.ToString();
        }

        var bytes = new ByteBuilder(raw.Length);
        try
        {
            int i = 0;
            while (i < raw.Length)
            {
                if (raw[i] == '%' && TryDecodeEscape(raw, i, out byte decoded))
                {
                    bytes.Append(decoded);
                    i += 3;
                }
                else
                {
                    bytes.Append(raw.Slice(i, 1));
                    i++;
                }
            }

            return Encoding.UTF8.GetString(bytes.Written);
        }
        finally
        {
            bytes.Dispose();
        }
    }

    /// <summary>Appends <paramref name="value"/> encoded for use as a query component (nothing but unreserved stays literal).</summary>
    public static void AppendQueryComponent(StringBuilder output, string value)
    {
        var bytes = new ByteBuilder(value.Length * 3 + 8);
        try
        {
            AppendEncoded(ref bytes, value, decodeFirst: false, keepSlash: false);
            foreach (byte b in bytes.Written)
            {
                output.Append((char)b);
            }
        }
        finally
        {
            bytes.Dispose();
        }
    }

    private static bool TryDecodeEscape(ReadOnlySpan<char> raw, int index, out byte value)
    {
        value = 0;
        if (index + 2 >= raw.Length)
        {
            return false;
        }

        int high = Hex.Value(raw[index + 1]);
        int low = Hex.Value(raw[index + 2]);
        if (high < 0 || low < 0)
        {
            return false;
        }

        value = (byte)((high << 4) | low);
        return true;
    }

    private static void AppendByte(ref ByteBuilder output, byte b, bool keepSlash)
    {
        if (IsUnreserved(b) || (keepSlash && b == '/'))
        {
            output.Append(b);
            return;
        }

        Span<byte> escape = [(byte)'%', UpperDigits[b >> 4], UpperDigits[b & 0xF]];
        output.Append(escape);
    }
}
