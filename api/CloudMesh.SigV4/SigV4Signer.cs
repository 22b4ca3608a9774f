using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CloudMesh.SigV4.Internal;

namespace CloudMesh.SigV4;

/// <summary>
/// Signs outgoing requests with AWS Signature Version 4 exactly as botocore's SigV4Auth / SigV4QueryAuth do, using
/// the same canonicalisation code as <see cref="SigV4Verifier"/>. Thread-safe.
/// </summary>
public sealed class SigV4Signer
{
    /// <summary>The longest presigned validity AWS allows.</summary>
    public static readonly TimeSpan MaxPresignedExpiry = TimeSpan.FromSeconds(AuthenticationParser.MaxExpiresSeconds);

    // Headers botocore never signs (hop-by-hop, or rewritten by proxies and HTTP stacks); content-length
    // is added by the HTTP stack after signing, so it is not signed either.
    private static readonly HashSet<string> UnsignedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id", "content-length",
    };

    private readonly SigV4Credential _credential;
    private readonly string _region;
    private readonly string _service;
    private readonly TimeProvider _timeProvider;
    private readonly SigningKeyCache _keys = new(capacity: 4);

    /// <summary>Creates a signer for one credential, region and service.</summary>
    public SigV4Signer(SigV4Credential credential, string region, string service, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _credential = credential;
        _region = region;
        _service = service;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Signs <paramref name="request"/> in place (Authorization and X-Amz-Date, plus X-Amz-Security-Token for a temporary
    /// credential), hashing its content. The content is buffered so it can still be sent afterwards.
    /// </summary>
    public async Task SignAsync(HttpRequestMessage request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string payloadHash = request.Content is null
            ? SigV4Request.EmptyPayloadHash
            : SigV4Request.HashPayload(await request.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false));
        Sign(request, payloadHash);
    }

    /// <summary>Signs <paramref name="request"/> in place, given its body's SHA-256 (lower-case hex).</summary>
    public void Sign(HttpRequestMessage request, string payloadSha256)
    {
        ArgumentNullException.ThrowIfNull(request);
        Uri uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new ArgumentException("The request needs an absolute RequestUri to be signed.", nameof(request));

        foreach (string name in (string[])["Authorization", "X-Amz-Date", "X-Amz-Security-Token"])
        {
            request.Headers.Remove(name);
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (request.Headers.Host is null)
        {
            headers.Add(new("host", HostOf(uri)));
        }

        // One entry per header with its values joined as the HTTP stack will send them ("a, b"), so the
        // canonical form is what the server will see.
        foreach (KeyValuePair<string, HeaderStringValues> header in request.Headers.NonValidated)
        {
            headers.Add(new(header.Key, header.Value.ToString()));
        }

        if (request.Content is not null)
        {
            foreach (KeyValuePair<string, HeaderStringValues> header in request.Content.Headers.NonValidated)
            {
                headers.Add(new(header.Key, header.Value.ToString()));
            }
        }

        SigV4HeaderSignature signature = SignHeaders(
            request.Method.Method, uri.AbsolutePath, QueryOf(uri), headers, payloadSha256);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", signature.AmzDate);
        if (signature.SecurityToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", signature.SecurityToken);
        }

        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
    }

    /// <summary>
    /// Computes the Authorization-header signature for a request described by its wire form. Signs every header
    /// given (which must include <c>host</c>) except those botocore never signs, plus the X-Amz-Date (and
    /// X-Amz-Security-Token) it returns; the caller adds those headers to the request unchanged. Any X-Amz-Date,
    /// X-Amz-Security-Token or Authorization in <paramref name="headers"/> is ignored.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="rawPath">The path as it will be sent (percent-encoded).</param>
    /// <param name="rawQuery">The query as it will be sent, without '?'.</param>
    /// <param name="headers">The headers that will be sent.</param>
    /// <param name="payloadSha256">Lower-case hex SHA-256 of the body.</param>
    public SigV4HeaderSignature SignHeaders(
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

        string timestamp = AmzDate.Format8601(_timeProvider.GetUtcNow());
        var signed = new List<KeyValuePair<string, string>>();
        foreach (KeyValuePair<string, string> header in headers)
        {
            if (!UnsignedHeaders.Contains(header.Key)
                && !header.Key.Equals("x-amz-date", StringComparison.OrdinalIgnoreCase)
                && !header.Key.Equals("x-amz-security-token", StringComparison.OrdinalIgnoreCase))
            {
                signed.Add(header);
            }
        }

        signed.Add(new("x-amz-date", timestamp));
        if (_credential.SessionToken is not null)
        {
            signed.Add(new("x-amz-security-token", _credential.SessionToken));
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> header in signed)
        {
            names.Add(header.Key.ToLowerInvariant());
        }

        if (!names.Contains("host"))
        {
            throw new ArgumentException("The headers must include 'host'; SigV4 requires it to be signed.", nameof(headers));
        }

        string signedHeaders = string.Join(';', names);
        string signature = ComputeSignature(
            method, rawPath, rawQuery, excludeSignatureParameter: false, [.. signed], signedHeaders, payloadSha256, timestamp);
        string authorization =
            $"{Signature.Algorithm} Credential={_credential.AccessKeyId}/{timestamp[..8]}/{_region}/{_service}/{Signature.Terminator}, " +
            $"SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4HeaderSignature(timestamp, authorization, signedHeaders, signature, _credential.SessionToken);
    }

    /// <summary>
    /// A presigned URL for <paramref name="uri"/>: its query gains the X-Amz-* parameters (as botocore's
    /// SigV4QueryAuth writes them) and X-Amz-Signature. Only <c>host</c> is signed.
    /// </summary>
    /// <param name="method">The method the URL will be used with.</param>
    /// <param name="uri">The absolute URL to presign; its existing query is kept.</param>
    /// <param name="expiresIn">Validity, from 1 second to 7 days.</param>
    /// <param name="payloadSha256">The body's SHA-256, or null for an empty body; "UNSIGNED-PAYLOAD" is allowed
    /// (the client must then send X-Amz-Content-Sha256: UNSIGNED-PAYLOAD).</param>
    public Uri Presign(HttpMethod method, Uri uri, TimeSpan expiresIn, string? payloadSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("Only absolute URLs can be presigned.", nameof(uri));
        }

        if (expiresIn < TimeSpan.FromSeconds(1) || expiresIn > MaxPresignedExpiry)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresIn), expiresIn, "Presigned URLs are valid from 1 second to 7 days.");
        }

        string timestamp = AmzDate.Format8601(_timeProvider.GetUtcNow());
        string existingQuery = QueryOf(uri);
        var query = new StringBuilder(existingQuery.Length + 256).Append(existingQuery);
        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append("X-Amz-Algorithm=").Append(Signature.Algorithm).Append("&X-Amz-Credential=");
        UriEncoding.AppendQueryComponent(
            query, $"{_credential.AccessKeyId}/{timestamp[..8]}/{_region}/{_service}/{Signature.Terminator}");
        query.Append("&X-Amz-Date=").Append(timestamp)
            .Append("&X-Amz-Expires=").Append(((long)expiresIn.TotalSeconds).ToString(CultureInfo.InvariantCulture))
            .Append("&X-Amz-SignedHeaders=host");
        if (_credential.SessionToken is not null)
        {
            query.Append("&X-Amz-Security-Token=");
            UriEncoding.AppendQueryComponent(query, _credential.SessionToken);
        }

        string rawQuery = query.ToString();
        string signature = ComputeSignature(
            method.Method, uri.AbsolutePath, rawQuery, excludeSignatureParameter: true, [new("host", HostOf(uri))], "host",
            payloadSha256 ?? SigV4Request.EmptyPayloadHash, timestamp);
        return new Uri($"{uri.GetLeftPart(UriPartial.Path)}?{rawQuery}&X-Amz-Signature={signature}");
    }

    /// <summary>The Host header value HttpClient sends for <paramref name="uri"/>: no port when it is the scheme's default.</summary>
    internal static string HostOf(Uri uri) =>
        uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";

    private static string QueryOf(Uri uri) => uri.Query.Length > 0 ? uri.Query[1..] : string.Empty;

    private string ComputeSignature(
        string method,
        string rawPath,
        string rawQuery,
        bool excludeSignatureParameter,
        KeyValuePair<string, string>[] headers,
        string signedHeaders,
        string payloadSha256,
        string timestamp)
    {
        var parts = new CanonicalRequestParts
        {
            Method = method,
            RawPath = rawPath,
            RawQuery = rawQuery,
            ExcludeSignatureParameter = excludeSignatureParameter,
            Headers = headers,
            SignedHeaders = signedHeaders,
            PayloadHash = payloadSha256,
        };
        Span<byte> canonicalHash = stackalloc byte[Signature.HexLength];
        CanonicalRequest.HashHex(parts, canonicalHash);
        byte[] key = _keys.GetOrDerive(_credential.SecretAccessKey, AmzDate.DateNumber(timestamp), _region, _service);
        Span<byte> signature = stackalloc byte[Signature.HexLength];
        Signature.ComputeHex(key, timestamp, _region, _service, canonicalHash, signature);
        return Encoding.ASCII.GetString(signature);
    }
}
