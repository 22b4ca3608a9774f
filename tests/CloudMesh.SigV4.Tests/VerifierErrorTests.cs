using CloudMesh.SigV4.Tests.Support;

namespace CloudMesh.SigV4.Tests;

/// <summary>Each refusal: its AWS error code, HTTP status, and a message that says what was wrong.</summary>
public sealed class VerifierErrorTests
{
    [Fact]
    public void A_correctly_signed_request_verifies_and_carries_the_principal()
    {
        SigV4VerificationResult result = SignedRequests.Verify(SignedRequests.Sign());
        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal("123456789012", result.Credential.Principal);
        Assert.Equal(200, result.HttpStatus);
    }

    [Fact]
    public void No_authentication_at_all_is_MissingAuthenticationToken()
    {
        var request = new SigV4Request("GET", "/v20190125/meshes", "", [new("Host", "h")], SigV4Request.EmptyPayloadHash);
        AssertFailure(SignedRequests.Verify(request), "MissingAuthenticationTokenException", 403, "Missing Authentication Token");
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date, Signature=abc", "requires 'Credential' parameter")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDCLOUDMESHTEST01/20250102/us-east-1/appmesh/aws4_request, Signature=abc", "requires 'SignedHeaders' parameter")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDCLOUDMESHTEST01/20250102/us-east-1/appmesh/aws4_request, SignedHeaders=host", "requires 'Signature' parameter")]
    [InlineData("AWS4-HMAC-SHA256", "requires 'Credential' parameter")]
    [InlineData("AWS AKID:signature", "Unsupported Authorization algorithm 'AWS'")]
    [InlineData("Bearer token", "Unsupported Authorization algorithm 'Bearer'")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20250102/us-east-1/appmesh, SignedHeaders=host, Signature=abc", "is not of the form <AccessKeyId>/<yyyymmdd>/<region>/<service>/aws4_request")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/2025010/us-east-1/appmesh/aws4_request, SignedHeaders=host, Signature=abc", "is not of the form")]
    [InlineData("AWS4-HMAC-SHA256 Credential=a/20250102/us-east-1/appmesh/aws4_request, Credential=b/20250102/us-east-1/appmesh/aws4_request, SignedHeaders=host, Signature=abc", "gives 'Credential' more than once")]
    [InlineData("AWS4-HMAC-SHA256 Credential", "is not of the form Name=Value")]
    public void Malformed_authorization_header_is_IncompleteSignature(string authorization, string expectedMessagePart)
    {
        SigV4Request request = SignedRequests.WithHeader(SignedRequests.Sign(), "Authorization", authorization);
        AssertFailure(SignedRequests.Verify(request), "IncompleteSignatureException", 400, expectedMessagePart);
    }

    [Fact]
    public void Missing_date_headers_is_IncompleteSignature()
    {
        SigV4Request request = SignedRequests.WithHeader(SignedRequests.Sign(), "X-Amz-Date", null);
        AssertFailure(SignedRequests.Verify(request), "IncompleteSignatureException", 400, "either a 'X-Amz-Date' or a 'Date' header");
    }

    [Theory]
    [InlineData("X-Amz-Date", "2025-01-02T03:04:05Z", "is not in the ISO 8601 basic format")]
    [InlineData("X-Amz-Date", "20251302T030405Z", "is not in the ISO 8601 basic format")]
    public void Unparseable_date_is_IncompleteSignature(string header, string value, string expectedMessagePart)
    {
        SigV4Request request = SignedRequests.WithHeader(SignedRequests.Sign(), header, value);
        AssertFailure(SignedRequests.Verify(request), "IncompleteSignatureException", 400, expectedMessagePart);
    }

    [Fact]
    public void Unparseable_Date_header_is_IncompleteSignature_when_there_is_no_X_Amz_Date()
    {
        SigV4Request request = SignedRequests.WithHeader(SignedRequests.WithHeader(SignedRequests.Sign(), "X-Amz-Date", null), "Date", "yesterday");
        AssertFailure(SignedRequests.Verify(request), "IncompleteSignatureException", 400, "Date header 'yesterday' is not an RFC 7231 date");
    }

    [Fact]
    public void Unknown_access_key_is_UnrecognizedClient()
    {
        var stranger = new SigV4Credential("AKIDSTRANGER0000000", "other-secret", "999999999999");
        SigV4VerificationResult result = SignedRequests.Verify(SignedRequests.Sign(credential: stranger));
        AssertFailure(result, "UnrecognizedClientException", 403, "The security token included in the request is invalid.");
        Assert.Contains("'AKIDSTRANGER0000000' is not known", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_secret_is_InvalidSignature_and_shows_the_expected_canonical_request()
    {
        var impostor = TestCredentials.Tenant with { SecretAccessKey = "not-the-secret" };
        SigV4VerificationResult result = SignedRequests.Verify(SignedRequests.Sign(credential: impostor));
        AssertFailure(result, "InvalidSignatureException", 403, "The request signature we calculated does not match the signature you provided.");
        Assert.Contains("The Canonical String for this request should have been\n'GET\n/v20190125/meshes\n", result.Message, StringComparison.Ordinal);
        Assert.Contains("The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20250102T030405Z\n20250102/us-east-1/appmesh/aws4_request\n", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_region_names_the_expected_region()
    {
        SigV4VerificationResult result = SignedRequests.Verify(SignedRequests.Sign(region: "eu-west-1"));
        AssertFailure(result, "InvalidSignatureException", 403, "Credential should be scoped to a valid region, not 'eu-west-1'. This endpoint expects 'us-east-1'.");
    }

    [Fact]
    public void Wrong_service_names_the_expected_service()
    {
        SigV4VerificationResult result = SignedRequests.Verify(SignedRequests.Sign(service: "ecs"));
        AssertFailure(result, "InvalidSignatureException", 403, "Credential should be scoped to correct service: 'appmesh', not 'ecs'.");
    }

    [Fact]
    public void Wrong_terminator_is_InvalidSignature()
    {
        SigV4Request signed = SignedRequests.Sign();
        string authorization = signed.FindHeader("Authorization")!.Replace("/aws4_request", "/aws4_requesx", StringComparison.Ordinal);
        AssertFailure(
            SignedRequests.Verify(SignedRequests.WithHeader(signed, "Authorization", authorization)),
            "InvalidSignatureException", 403, "valid terminator: 'aws4_request', not 'aws4_requesx'");
    }

    [Fact]
    public void Scope_date_other_than_the_request_day_is_InvalidSignature()
    {
        SigV4Request signed = SignedRequests.Sign();
        string authorization = signed.FindHeader("Authorization")!.Replace("/20250102/", "/20250101/", StringComparison.Ordinal);
        AssertFailure(
            SignedRequests.Verify(SignedRequests.WithHeader(signed, "Authorization", authorization)),
            "InvalidSignatureException", 403, "'20250101' != '20250102', from '20250102T030405Z'");
    }

    [Fact]
    public void Host_must_be_signed()
    {
        SigV4Request signed = SignedRequests.Sign();
        string authorization = signed.FindHeader("Authorization")!.Replace("SignedHeaders=host;x-amz-date", "SignedHeaders=x-amz-date", StringComparison.Ordinal);
        AssertFailure(
            SignedRequests.Verify(SignedRequests.WithHeader(signed, "Authorization", authorization)),
            "IncompleteSignatureException", 400, "'Host' or ':authority' must be a 'SignedHeader'");
    }

    [Fact]
    public void A_signed_header_absent_from_the_request_is_named()
    {
        SigV4Request signed = SignedRequests.Sign(extraHeaders: [new("X-Custom", "v")]);
        AssertFailure(
            SignedRequests.Verify(SignedRequests.WithHeader(signed, "X-Custom", null)),
            "InvalidSignatureException", 403, "Header 'x-custom' is listed in SignedHeaders but is not present in the request.");
    }

    [Fact]
    public void Header_and_presigned_forms_together_are_refused()
    {
        SigV4Request signed = SignedRequests.Sign();
        SigV4Request both = SignedRequests.With(signed, rawQuery: "X-Amz-Algorithm=AWS4-HMAC-SHA256");
        AssertFailure(SignedRequests.Verify(both), "IncompleteSignatureException", 400, "Found both an Authorization header and X-Amz-* signature query parameters");
    }

    [Fact]
    public void Any_change_to_method_path_query_or_body_breaks_the_signature()
    {
        SigV4Request signed = SignedRequests.Sign("PUT", "/v20190125/meshes/m1", "a=1", "{\"x\":1}");
        Assert.True(SignedRequests.Verify(signed).IsSuccess);
        SigV4Request[] tampered =
        [
            SignedRequests.With(signed, method: "POST"),
            SignedRequests.With(signed, rawPath: "/v20190125/meshes/m2"),
            SignedRequests.With(signed, rawQuery: "a=2"),
            SignedRequests.With(signed, payloadHash: SigV4Request.HashPayload("{\"x\":2}"u8)),
            SignedRequests.WithHeader(signed, "Host", "evil.test"),
        ];
        foreach (SigV4Request request in tampered)
        {
            AssertFailure(SignedRequests.Verify(request), "InvalidSignatureException", 403, "does not match the signature you provided");
        }
    }

    [Fact]
    public async Task A_store_that_completes_asynchronously_is_awaited()
    {
        var store = new SlowStore(TestCredentials.Store());
        SigV4VerificationResult result = await SignedRequests.Verifier()
            .VerifyAsync(SignedRequests.Sign(), store, CancellationToken.None);
        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(1, store.Calls);
    }

    internal static void AssertFailure(SigV4VerificationResult result, string code, int status, string messagePart)
    {
        Assert.False(result.IsSuccess, "expected a failure");
        Assert.Equal(code, result.ErrorCode);
        Assert.Equal(status, result.HttpStatus);
        Assert.Contains(messagePart, result.Message, StringComparison.Ordinal);
    }

    private sealed class SlowStore(ISigV4CredentialStore inner) : ISigV4CredentialStore
    {
        public int Calls { get; private set; }

        public async ValueTask<SigV4Credential?> FindAsync(string accessKeyId, CancellationToken ct)
        {
            Calls++;
            await Task.Yield();
            return await inner.FindAsync(accessKeyId, ct);
        }
    }
}
