using System.Security.Cryptography;
using CloudMesh.SigV4.Internal;

namespace CloudMesh.SigV4;

/// <summary>
/// An immutable description of an incoming HTTP request, as much of it as SigV4 signs. The host fills it from
/// the wire form: the path and query must still be percent-encoded exactly as the client sent them
/// (in ASP.NET Core, <c>IHttpRequestFeature.RawTarget</c>), never a decoded form.
/// </summary>
public sealed class SigV4Request
{
    /// <summary>Lower-case hex SHA-256 of an empty body.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private readonly KeyValuePair<string, string>[] _headers;

    /// <summary>Creates a request description.</summary>
    /// <param name="method">The HTTP method, e.g. <c>GET</c>.</param>
    /// <param name="rawPath">The path as sent, still percent-encoded, e.g. <c>/v20190125/meshes/my%20mesh</c>.</param>
    /// <param name="rawQuery">The query as sent, without the leading '?' (one is tolerated and dropped); empty for none.</param>
    /// <param name="headers">Every header as a name/value pair; a header sent more than once appears more than once.</param>
    /// <param name="payloadSha256">Lower-case hex SHA-256 of the body (see <see cref="HashPayload"/>).</param>
    public SigV4Request(
        string method,
        string rawPath,
        string rawQuery,
        IEnumerable<KeyValuePair<string, string>> headers,
        string payloadSha256)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(rawPath);
        ArgumentNullException.ThrowIfNull(rawQuery);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentException.ThrowIfNullOrEmpty(payloadSha256);
        Method = method;
        RawPath = rawPath;
        RawQuery = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        _headers = [.. headers];
        PayloadSha256 = payloadSha256;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path exactly as sent (percent-encoded).</summary>
    public string RawPath { get; }

    /// <summary>The query exactly as sent, without '?'.</summary>
    public string RawQuery { get; }

    /// <summary>The headers in the order they were given; names keep their original case.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    /// <summary>Lower-case hex SHA-256 of the body.</summary>
    public string PayloadSha256 { get; }

    internal ReadOnlySpan<KeyValuePair<string, string>> HeaderSpan => _headers;

    /// <summary>Lower-case hex SHA-256 of <paramref name="payload"/>, the form SigV4 signs.</summary>
    public static string HashPayload(ReadOnlySpan<byte> payload)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The first value of the named header (case-insensitive), or null.</summary>
    public string? FindHeader(string name)
    {
        foreach (KeyValuePair<string, string> header in _headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    internal bool HasHeader(ReadOnlySpan<char> name)
    {
        foreach (KeyValuePair<string, string> header in _headers)
        {
            if (name.Equals(header.Key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
