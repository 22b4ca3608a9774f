using CloudMesh.SigV4.Tests.Support;

namespace CloudMesh.SigV4.Tests.Interop;

/// <summary>
/// Interop with a signer nobody here wrote: requests signed by botocore (SigV4Auth, SigV4QueryAuth and a real
/// 'appmesh' client) must verify, must stop verifying when any byte we sign changes, and our signer must produce
/// botocore's exact signatures.
/// </summary>
public sealed class BotocoreInteropTests(BotocoreSignedRequests botocore) : IClassFixture<BotocoreSignedRequests>
{
    public static TheoryData<string> AllCases => new(BotocoreSignedRequests.Names());

    public static TheoryData<string> HeaderAndClientCases => new(BotocoreSignedRequests.Names("header", "client"));

    public static TheoryData<string> PresignedCases => new(BotocoreSignedRequests.Names("query"));

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Botocore_signed_request_verifies(string name)
    {
        BotocoreCase signed = botocore[name];
        SigV4VerificationResult result = Verify(signed, ToRequest(signed));
        Assert.True(result.IsSuccess, $"{name}: {result}");
        Assert.Equal(TestCredentials.Tenant.Principal, result.Credential.Principal);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Changing_any_byte_of_the_path_is_rejected(string name)
    {
        BotocoreCase signed = botocore[name];
        SigV4Request request = ToRequest(signed);

        // With dot segments, some changes are equivalent after normalisation ("/m1/../" == "/x1/../"): skip those.
        if (name == "dot-segments-and-double-slashes")
        {
            Assert.False(Verify(signed, SignedRequests.With(request, rawPath: request.RawPath.Replace("m2", "m3", StringComparison.Ordinal))).IsSuccess);
            return;
        }

        for (int i = 0; i < request.RawPath.Length; i++)
        {
            SigV4Request changed = SignedRequests.With(request, rawPath: ChangeAt(request.RawPath, i));
            Assert.False(Verify(signed, changed).IsSuccess, $"{name}: path changed at {i} ('{changed.RawPath}') still verified");
        }
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Changing_any_byte_of_the_query_is_rejected(string name)
    {
        BotocoreCase signed = botocore[name];
        SigV4Request request = ToRequest(signed);
        for (int i = 0; i < request.RawQuery.Length; i++)
        {
            SigV4Request changed = SignedRequests.With(request, rawQuery: ChangeAt(request.RawQuery, i));
            Assert.False(Verify(signed, changed).IsSuccess, $"{name}: query changed at {i} ('{changed.RawQuery}') still verified");
        }

        Assert.False(Verify(signed, SignedRequests.With(request, rawQuery: request.RawQuery + "&extra=1")).IsSuccess);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Changing_any_byte_of_a_signed_header_is_rejected(string name)
    {
        BotocoreCase signed = botocore[name];
        SigV4Request request = ToRequest(signed);
        string[] signedHeaders = SignedHeaderNames(signed);
        Assert.Contains("host", signedHeaders);
        foreach (string header in signedHeaders)
        {
            string value = request.FindHeader(header)!;
            for (int i = 0; i < value.Length; i++)
            {
                SigV4Request changed = SignedRequests.WithHeader(request, header, ChangeAt(value, i));
                Assert.False(Verify(signed, changed).IsSuccess, $"{name}: header {header} changed at {i} still verified");
            }

            Assert.False(Verify(signed, SignedRequests.WithHeader(request, header, null)).IsSuccess, $"{name}: header {header} removed still verified");
        }
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Changing_any_byte_of_the_body_is_rejected(string name)
    {
        BotocoreCase signed = botocore[name];
        SigV4Request request = ToRequest(signed);
        for (int i = 0; i < signed.Body.Length; i++)
        {
            byte[] body = (byte[])signed.Body.Clone();
            body[i] ^= 0x01;
            SigV4Request changed = SignedRequests.With(request, payloadHash: SigV4Request.HashPayload(body));
            Assert.False(Verify(signed, changed).IsSuccess, $"{name}: body changed at {i} still verified");
        }

        SigV4Request appended = SignedRequests.With(request, payloadHash: SigV4Request.HashPayload([.. signed.Body, (byte)' ']));
        Assert.False(Verify(signed, appended).IsSuccess, $"{name}: body with an extra byte still verified");
    }

    [Theory]
    [MemberData(nameof(HeaderAndClientCases))]
    public void Headers_botocore_did_not_sign_may_change(string name)
    {
        BotocoreCase signed = botocore[name];
        SigV4Request request = SignedRequests.WithHeader(ToRequest(signed), "User-Agent", "something-else/2.0");
        request = SignedRequests.WithHeader(request, "amz-sdk-request", "attempt=2");
        Assert.True(Verify(signed, request).IsSuccess);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Outside_the_time_window_botocore_requests_are_refused(string name)
    {
        BotocoreCase signed = botocore[name];
        DateTimeOffset at = BotocoreSignedRequests.ParseTimestamp(signed.Timestamp);
        TimeSpan lifetime = signed.Kind == "query" ? TimeSpan.FromSeconds(signed.Expires) : TimeSpan.FromMinutes(15);
        SigV4VerificationResult late = SignedRequests.Verify(ToRequest(signed), new ManualTimeProvider(at + lifetime + TimeSpan.FromSeconds(1)));
        VerifierErrorTests.AssertFailure(late, SigV4ErrorCodes.InvalidSignature, 403, "Signature expired:");
        SigV4VerificationResult early = SignedRequests.Verify(ToRequest(signed), new ManualTimeProvider(at - TimeSpan.FromMinutes(16)));
        VerifierErrorTests.AssertFailure(early, SigV4ErrorCodes.InvalidSignature, 403, "Signature not yet current:");
    }

    [Theory]
    [MemberData(nameof(HeaderAndClientCases))]
    public void Our_signer_produces_botocores_signature(string name)
    {
        BotocoreCase signed = botocore[name];
        SigV4Request request = ToRequest(signed);
        string botocoreAuthorization = request.FindHeader("Authorization")!;
        if (request.FindHeader("X-Amz-Date") is null)
        {
            // Signed over the Date header; our signer always uses X-Amz-Date, so there is nothing to compare.
            Assert.Equal("date-header", name);
            return;
        }

        // Raw SigV4Auth cases: botocore signed every header it had, so give ours all of them and let it choose.
        // Client cases: botocore added SDK headers after signing; give ours the ones botocore signed.
        string[] botocoreSigned = SignedHeaderNames(signed);
        IEnumerable<KeyValuePair<string, string>> headers = signed.Kind == "client"
            ? request.Headers.Where(h => botocoreSigned.Contains(h.Key.ToLowerInvariant()))
            : request.Headers.Where(h => !h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
        var signer = new SigV4Signer(
            TestCredentials.Tenant, "us-east-1", "appmesh", new ManualTimeProvider(BotocoreSignedRequests.ParseTimestamp(signed.Timestamp)));
        SigV4HeaderSignature ours = signer.SignHeaders(request.Method, request.RawPath, request.RawQuery, headers, request.PayloadSha256);
        Assert.Equal(botocoreAuthorization, ours.Authorization);
    }

    [Theory]
    [MemberData(nameof(PresignedCases))]
    public void Our_presigned_url_carries_botocores_signature(string name)
    {
        BotocoreCase signed = botocore[name];
        var signer = new SigV4Signer(
            TestCredentials.Tenant, "us-east-1", "appmesh", new ManualTimeProvider(BotocoreSignedRequests.ParseTimestamp(signed.Timestamp)));
        Uri ours = signer.Presign(HttpMethod.Get, new Uri(signed.OriginalUrl), TimeSpan.FromSeconds(signed.Expires));
        Assert.Equal(SignatureParameter(signed.Url), SignatureParameter(ours.AbsoluteUri));
        Assert.True(Verify(signed, SignedRequests.FromUrl("GET", ours.AbsoluteUri, signed.Headers, SigV4Request.EmptyPayloadHash)).IsSuccess);
    }

    private static SigV4Request ToRequest(BotocoreCase signed) =>
        SignedRequests.FromUrl(signed.Method, signed.Url, signed.Headers, SigV4Request.HashPayload(signed.Body));

    private static SigV4VerificationResult Verify(BotocoreCase signed, SigV4Request request) =>
        SignedRequests.Verify(request, new ManualTimeProvider(BotocoreSignedRequests.ParseTimestamp(signed.Timestamp)));

    private static string[] SignedHeaderNames(BotocoreCase signed)
    {
        string? authorization = signed.Headers.FirstOrDefault(h => h.Key == "Authorization").Value;
        if (authorization is null)
        {
            return ["host"]; // SigV4QueryAuth signs only host here (X-Amz-SignedHeaders=host).
        }

        string list = authorization.Split(", ").Single(p => p.StartsWith("SignedHeaders=", StringComparison.Ordinal))["SignedHeaders=".Length..];
        return list.Split(';');
    }

    private static string SignatureParameter(string url) =>
        url.Split('?')[1].Split('&').Single(p => p.StartsWith("X-Amz-Signature=", StringComparison.Ordinal));

    private static string ChangeAt(string text, int index) =>
        string.Concat(text.AsSpan(0, index), text[index] == 'x' ? "y" : "x", text.AsSpan(index + 1));
}
