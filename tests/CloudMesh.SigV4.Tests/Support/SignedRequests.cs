using System.Text;

namespace CloudMesh.SigV4.Tests.Support;

/// <summary>Builds requests signed by <see cref="SigV4Signer"/> and verifies them, for tests that start from a valid request.</summary>
internal static class SignedRequests
{
    public const string Host = "appmesh.cloudmesh.test";

    /// <summary>A header-form request signed at <see cref="TestCredentials.SigningTime"/>.</summary>
    public static SigV4Request Sign(
        string method = "GET",
        string rawPath = "/v20190125/meshes",
        string rawQuery = "",
        string body = "",
        IEnumerable<KeyValuePair<string, string>>? extraHeaders = null,
        SigV4Credential? credential = null,
        string region = "us-east-1",
        string service = "appmesh",
        DateTimeOffset? at = null)
    {
        var signer = new SigV4Signer(
            credential ?? TestCredentials.Tenant, region, service, new ManualTimeProvider(at ?? TestCredentials.SigningTime));
        var headers = new List<KeyValuePair<string, string>> { new("Host", Host) };
        headers.AddRange(extraHeaders ?? []);
        string payloadHash = SigV4Request.HashPayload(Encoding.UTF8.GetBytes(body));
        SigV4HeaderSignature signature = signer.SignHeaders(method, rawPath, rawQuery, headers, payloadHash);
        headers.Add(new("X-Amz-Date", signature.AmzDate));
        if (signature.SecurityToken is not null)
        {
            headers.Add(new("X-Amz-Security-Token", signature.SecurityToken));
        }

        headers.Add(new("Authorization", signature.Authorization));
        return new SigV4Request(method, rawPath, rawQuery, headers, payloadHash);
    }

    /// <summary>A presigned request signed at <see cref="TestCredentials.SigningTime"/>.</summary>
    public static SigV4Request Presign(
        string pathAndQuery = "/v20190125/meshes?limit=5", TimeSpan? expires = null, SigV4Credential? credential = null)
    {
        var signer = new SigV4Signer(credential ?? TestCredentials.Tenant, "us-east-1", "appmesh", new ManualTimeProvider(TestCredentials.SigningTime));
        Uri url = signer.Presign(HttpMethod.Get, new Uri($"https://{Host}{pathAndQuery}"), expires ?? TimeSpan.FromHours(1));
        return FromUrl("GET", url.AbsoluteUri, [new("Host", Host)], SigV4Request.EmptyPayloadHash);
    }

    /// <summary>Splits an absolute URL into the raw path and query a server would see, without any re-encoding.</summary>
    public static SigV4Request FromUrl(string method, string url, IEnumerable<KeyValuePair<string, string>> headers, string payloadHash)
    {
        int pathStart = url.IndexOf('/', url.IndexOf("://", StringComparison.Ordinal) + 3);
        string pathAndQuery = pathStart < 0 ? "/" : url[pathStart..];
        int question = pathAndQuery.IndexOf('?');
        return question < 0
            ? new SigV4Request(method, pathAndQuery, string.Empty, headers, payloadHash)
            : new SigV4Request(method, pathAndQuery[..question], pathAndQuery[(question + 1)..], headers, payloadHash);
    }

    /// <summary>Same request with one header's value replaced (or removed, when <paramref name="value"/> is null).</summary>
    public static SigV4Request WithHeader(SigV4Request request, string name, string? value)
    {
        var headers = request.Headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (value is not null)
        {
            headers.Add(new(name, value));
        }

        return new SigV4Request(request.Method, request.RawPath, request.RawQuery, headers, request.PayloadSha256);
    }

    public static SigV4Request With(
        SigV4Request request, string? method = null, string? rawPath = null, string? rawQuery = null, string? payloadHash = null) =>
        new(method ?? request.Method, rawPath ?? request.RawPath, rawQuery ?? request.RawQuery, request.Headers, payloadHash ?? request.PayloadSha256);

    public static SigV4Verifier Verifier(TimeProvider? clock = null, SigV4VerifierOptions? options = null) =>
        new(options ?? new SigV4VerifierOptions(), clock ?? new ManualTimeProvider(TestCredentials.SigningTime));

    public static SigV4VerificationResult Verify(SigV4Request request, TimeProvider? clock = null, ISigV4CredentialStore? store = null) =>
        Verifier(clock).VerifyAsync(request, store ?? TestCredentials.Store(), CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
