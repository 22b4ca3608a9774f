using System.Buffers.Text;
using Grpc.Core;

namespace CloudMesh.Grpc.Internal;

/// <summary>
/// Metadata entries as HTTP/2 header fields: keys are lowercase, binary (<c>-bin</c>) values travel as base64
/// (sent unpadded, accepted padded or not, several per field separated by commas).
/// </summary>
internal static class MetadataEncoding
{
    /// <summary>The header value for an entry.</summary>
    public static string ToHeaderValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.RawValueBytes!).TrimEnd('=') : entry.Value;

    /// <summary>Adds the entries of one received header field to <paramref name="metadata"/>; skips malformed ones.</summary>
    public static void AddFromHeader(Metadata metadata, string name, string? value)
    {
        if (value is null || GrpcProtocol.IsReservedHeader(name) || !IsValidKey(name))
        {
            return;
        }

        var key = name.ToLowerInvariant();
        if (!Metadata.Entry.HasBinarySuffix(key))
        {
            metadata.Add(Metadata.Entry.CreateTrusted(key, value));
            return;
        }

        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (TryDecodeBase64(part, out var bytes))
            {
                metadata.Add(Metadata.Entry.CreateTrusted(key, bytes));
            }
        }
    }

    /// <summary>Decodes padded or unpadded base64.</summary>
    public static bool TryDecodeBase64(string value, out byte[] bytes)
    {
        var padded = (value.Length % 4) switch
        {
            2 => value + "==",
            3 => value + "=",
            _ => value,
        };
        bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(padded.Length)];
        if (!Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = [];
            return false;
        }

        if (written != bytes.Length)
        {
            Array.Resize(ref bytes, written);
        }

        return true;
    }

    private static bool IsValidKey(string name)
    {
        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '-'))
            {
                return false;
            }
        }

        return name.Length > 0;
    }
}
