using System.Net.Http.Headers;
using System.Text;
using CloudMesh.SigV4.Tests.Support;

namespace CloudMesh.SigV4.Tests;

/// <summary>Round trips: what <see cref="SigV4Signer"/> signs and HttpClient sends, <see cref="SigV4Verifier"/> accepts.</summary>
public sealed class SignerTests
{
    private static readonly SigV4Signer Signer =
        new(TestCredentials.Tenant, "us-east-1", "appmesh", new ManualTimeProvider(TestCredentials.SigningTime));

    [Theory]
    [InlineData("GET", "/v20190125/meshes/my-mesh/virtualNodes?limit=5&nextToken=abc%2Fdef", null)]
    [InlineData("PUT", "/v20190125/meshes/my%20mesh/virtualRouters/r%3A1?meshOwner=123456789012", "{\"virtualRouterName\":\"r:1\",\"spec\":{}}")]
    [InlineData("DELETE", "/v20190125/meshes/caf%C3%A9", null)]
    [InlineData("POST", "/a/b?x=%7E&x=1&empty=&flag", "body with ünïcode")]
    public async Task Requests_sent_by_HttpClient_verify_on_the_server(string method, string pathAndQuery, string? body)
    {
        using var capture = new RawHttpCapture();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(capture.BaseUri, pathAndQuery));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        request.Headers.TryAddWithoutValidation("X-Spaced", "  a   b ");
        await Signer.SignAsync(request);

        using var client = new HttpClient();
        Task<SigV4Request> captured = capture.CaptureOneAsync(CancellationToken.None);
        using HttpResponseMessage response = await client.SendAsync(request);
        SigV4Request onTheWire = await captured;

        SigV4VerificationResult result = SignedRequests.Verify(onTheWire);
        Assert.True(result.IsSuccess, result.ToString());
        string authorization = onTheWire.FindHeader("Authorization")!;
        Assert.Contains("SignedHeaders=accept;", authorization, StringComparison.Ordinal);
        Assert.Contains(";host;", authorization, StringComparison.Ordinal);
        Assert.Contains(";x-spaced", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_again_replaces_the_previous_signature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://h.test/v20190125/meshes");
        await Signer.SignAsync(request);
        await Signer.SignAsync(request);
        Assert.Single(request.Headers.GetValues("Authorization"));
        Assert.Single(request.Headers.GetValues("X-Amz-Date"));
    }

    [Fact]
    public void SignHeaders_requires_host_and_skips_headers_botocore_never_signs()
    {
        Assert.Throws<ArgumentException>(() => Signer.SignHeaders("GET", "/", "", [new("X-A", "1")], SigV4Request.EmptyPayloadHash));
        SigV4HeaderSignature signature = Signer.SignHeaders(
            "GET", "/", "",
            [new("Host", "h"), new("User-Agent", "ua"), new("Content-Length", "0"), new("X-Amzn-Trace-Id", "t"), new("Connection", "close"), new("X-B", "b")],
            SigV4Request.EmptyPayloadHash);
        Assert.Equal("host;x-amz-date;x-b", signature.SignedHeaders);
        Assert.Equal("20250102T030405Z", signature.AmzDate);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDCLOUDMESHTEST01/20250102/us-east-1/appmesh/aws4_request, SignedHeaders=host;x-amz-date;x-b, Signature=", signature.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public void Presigned_urls_verify_and_keep_the_original_query()
    {
        Uri url = Signer.Presign(HttpMethod.Get, new Uri("https://h.test:8443/v20190125/meshes/my%20mesh/virtualNodes?limit=5&nextToken=abc%2Fdef"), TimeSpan.FromMinutes(10));
        Assert.StartsWith("https://h.test:8443/v20190125/meshes/my%20mesh/virtualNodes?limit=5&nextToken=abc%2Fdef&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDCLOUDMESHTEST01%2F20250102%2Fus-east-1%2Fappmesh%2Faws4_request&X-Amz-Date=20250102T030405Z&X-Amz-Expires=600&X-Amz-SignedHeaders=host&X-Amz-Signature=", url.AbsoluteUri, StringComparison.Ordinal);
        SigV4Request request = SignedRequests.FromUrl("GET", url.AbsoluteUri, [new("Host", "h.test:8443")], SigV4Request.EmptyPayloadHash);
        Assert.True(SignedRequests.Verify(request).IsSuccess);
    }

    [Fact]
    public void Presign_rejects_relative_urls_and_bad_expiry()
    {
        Assert.Throws<ArgumentException>(() => Signer.Presign(HttpMethod.Get, new Uri("/relative", UriKind.Relative), TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Signer.Presign(HttpMethod.Get, new Uri("https://h.test/"), TimeSpan.Zero));
    }
}
