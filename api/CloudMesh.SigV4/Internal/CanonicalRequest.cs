using System.Buffers;
using System.Security.Cryptography;

namespace CloudMesh.SigV4.Internal;

/// <summary>
/// Writes the SigV4 canonical request exactly as botocore's SigV4Auth builds it for non-S3 services.
/// One implementation shared by the verifier and the signer, so both sides agree byte for byte.
/// </summary>
internal static class CanonicalRequest
{
    private const int StackLimit = 64;

    /// <summary>Computes the lower-case hex SHA-256 of the canonical request into <paramref name="hexDestination"/> (64 bytes).</summary>
    public static void HashHex(in CanonicalRequestParts parts, Span<byte> hexDestination)
    {
        var builder = new ByteBuilder(512);
        try
        {
            Write(ref builder, parts);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(builder.Written, hash);
            Hex.WriteLower(hash, hexDestination);
        }
        finally
        {
            builder.Dispose();
        }
    }

    /// <summary>The canonical request as text; only used off the hot path (error messages, tests).</summary>
    public static string Build(in CanonicalRequestParts parts)
    {
        var builder = new ByteBuilder(512);
        try
        {
            Write(ref builder, parts);
            return builder.ToString();
        }
        finally
        {
            builder.Dispose();
        }
    }

    public static void Write(ref ByteBuilder output, in CanonicalRequestParts parts)
    {
        foreach (char c in parts.Method)
        {
            output.Append((byte)(c is >= 'a' and <= 'z' ? c - 32 : c));
        }

        output.Append((byte)'\n');
        WritePath(ref output, parts.RawPath);
        output.Append((byte)'\n');
        WriteQuery(ref output, parts.RawQuery, parts.ExcludeSignatureParameter);
        output.Append((byte)'\n');
        WriteHeaders(ref output, parts.Headers, parts.SignedHeaders);
        output.Append((byte)'\n');
        output.AppendLowerAscii(parts.SignedHeaders);
        output.Append((byte)'\n');
        output.Append(parts.PayloadHash);
    }

    /// <summary>
    /// botocore: quote(remove_dot_segments(path), safe='/~'). Empty segments are dropped (AWS collapses
    /// "//"), "." and ".." are resolved, and the still-encoded path is encoded once more.
    /// </summary>
    internal static void WritePath(ref ByteBuilder output, ReadOnlySpan<char> rawPath)
    {
        if (rawPath.IsEmpty)
        {
            output.Append((byte)'/');
            return;
        }

        int maxSegments = rawPath.Count('/') + 1;
        Range[]? rented = null;
        Span<Range> segments = maxSegments <= StackLimit
            ? stackalloc Range[StackLimit]
            : (rented = ArrayPool<Range>.Shared.Rent(maxSegments));
        try
        {
            int count = 0;
            int start = 0;
            while (start <= rawPath.Length)
            {
                int slash = rawPath[start..].IndexOf('/');
                int end = slash < 0 ? rawPath.Length : start + slash;
                ReadOnlySpan<char> segment = rawPath[start..end];
                if (segment.Length > 0 && !segment.SequenceEqual("."))
                {
                    if (segment.SequenceEqual(".."))
                    {
                        count = Math.Max(0, count - 1);
                    }
                    else
                    {
                        segments[count++] = new Range(start, end);
                    }
                }

                start = end + 1;
            }

            if (rawPath[0] == '/')
            {
                output.Append((byte)'/');
            }

            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    output.Append((byte)'/');
                }

                UriEncoding.AppendEncoded(ref output, rawPath[segments[i]], decodeFirst: false, keepSlash: true);
            }

            if (rawPath[^1] == '/' && count > 0)
            {
                output.Append((byte)'/');
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<Range>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Each name and value is decoded and re-encoded (RFC 3986), then pairs are sorted by encoded name and
    /// then encoded value, ordinally. Empty pieces between '&amp;' are ignored; "a" means "a=".
    /// </summary>
    internal static void WriteQuery(ref ByteBuilder output, ReadOnlySpan<char> rawQuery, bool excludeSignature)
    {
        if (rawQuery.IsEmpty)
        {
            return;
        }

        int maxEntries = rawQuery.Count('&') + 1;
        QueryEntry[]? rented = null;
        Span<QueryEntry> entries = maxEntries <= StackLimit
            ? stackalloc QueryEntry[StackLimit]
            : (rented = ArrayPool<QueryEntry>.Shared.Rent(maxEntries));
        var encoded = new ByteBuilder(rawQuery.Length * 2);
        try
        {
            int count = 0;
            foreach (Range pairRange in rawQuery.Split('&'))
            {
                ReadOnlySpan<char> pair = rawQuery[pairRange];
                if (pair.IsEmpty)
                {
                    continue;
                }

                int equals = pair.IndexOf('=');
                ReadOnlySpan<char> name = equals < 0 ? pair : pair[..equals];
                ReadOnlySpan<char> value = equals < 0 ? [] : pair[(equals + 1)..];

                int nameStart = encoded.Written.Length;
                UriEncoding.AppendEncoded(ref encoded, name, decodeFirst: true, keepSlash: false);
                int nameLength = encoded.Written.Length - nameStart;
                if (excludeSignature && encoded.Written.Slice(nameStart, nameLength).SequenceEqual("X-Amz-Signature"u8))
                {
                    continue;
                }

                int valueStart = encoded.Written.Length;
                UriEncoding.AppendEncoded(ref encoded, value, decodeFirst: true, keepSlash: false);
                entries[count++] = new QueryEntry(nameStart, nameLength, valueStart, encoded.Written.Length - valueStart);
            }

            Span<QueryEntry> used = entries[..count];
            used.Sort(new QueryEntryComparer(encoded.UnderlyingArray));
            ReadOnlySpan<byte> bytes = encoded.Written;
            for (int i = 0; i < used.Length; i++)
            {
                if (i > 0)
                {
                    output.Append((byte)'&');
                }

                output.Append(bytes.Slice(used[i].NameStart, used[i].NameLength));
                output.Append((byte)'=');
                output.Append(bytes.Slice(used[i].ValueStart, used[i].ValueLength));
            }
        }
        finally
        {
            encoded.Dispose();
            if (rented is not null)
            {
                ArrayPool<QueryEntry>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// "name:value\n" per signed header, in the order the signed-headers list gives; repeated headers
    /// joined with ',', each value trimmed with inner whitespace runs collapsed to one space.
    /// </summary>
    internal static void WriteHeaders(
        ref ByteBuilder output, ReadOnlySpan<KeyValuePair<string, string>> headers, ReadOnlySpan<char> signedHeaders)
    {
        foreach (Range nameRange in signedHeaders.Split(';'))
        {
            ReadOnlySpan<char> name = signedHeaders[nameRange];
            if (name.IsEmpty)
            {
                continue;
            }

            output.AppendLowerAscii(name);
            output.Append((byte)':');
            bool first = true;
            foreach (KeyValuePair<string, string> header in headers)
            {
                if (!name.Equals(header.Key, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!first)
                {
                    output.Append((byte)',');
                }

                first = false;
                WriteTrimmedValue(ref output, header.Value);
            }

            output.Append((byte)'\n');
        }
    }

    /// <summary>botocore: ' '.join(value.split()) — Python's whitespace set, which includes \x1c-\x1f.</summary>
    private static void WriteTrimmedValue(ref ByteBuilder output, ReadOnlySpan<char> value)
    {
        int i = 0;
        bool wroteToken = false;
        while (i < value.Length)
        {
            while (i < value.Length && IsPythonWhitespace(value[i]))
            {
                i++;
            }

            int start = i;
            while (i < value.Length && !IsPythonWhitespace(value[i]))
            {
                i++;
            }

            if (i > start)
            {
                if (wroteToken)
                {
                    output.Append((byte)' ');
                }

                output.Append(value[start..i]);
                wroteToken = true;
            }
        }
    }

    private static bool IsPythonWhitespace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    private readonly record struct QueryEntry(int NameStart, int NameLength, int ValueStart, int ValueLength);

    private readonly struct QueryEntryComparer(byte[] buffer) : IComparer<QueryEntry>
    {
        public int Compare(QueryEntry x, QueryEntry y)
        {
            int byName = buffer.AsSpan(x.NameStart, x.NameLength).SequenceCompareTo(buffer.AsSpan(y.NameStart, y.NameLength));
            return byName != 0
                ? byName
                : buffer.AsSpan(x.ValueStart, x.ValueLength).SequenceCompareTo(buffer.AsSpan(y.ValueStart, y.ValueLength));
        }
    }
}
