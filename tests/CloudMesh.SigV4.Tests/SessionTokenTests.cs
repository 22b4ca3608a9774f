using CloudMesh.SigV4.Tests.Support;

namespace CloudMesh.SigV4.Tests;

/// <summary>CloudMesh issues no session tokens: one is accepted only when the stored credential has exactly that token.</summary>
public sealed class SessionTokenTests
{
    private static readonly SigV4Credential Temporary = new("ASIATEMPORARY000001", "temp-secret", "123456789012") { SessionToken = "session-token/with+chars=" };

    [Fact]
    public void A_token_against_a_long_term_key_is_UnrecognizedClient()
    {
        var withToken = TestCredentials.Tenant with { SessionToken = "made-up" };
        VerifierErrorTests.AssertFailure(
            SignedRequests.Verify(SignedRequests.Sign(credential: withToken)), "UnrecognizedClientException", 403,
            "is a long-term key; this service issues no session tokens");
    }

    [Fact]
    public void The_matching_token_is_accepted_and_is_signed()
    {
        SigV4Request request = SignedRequests.Sign(credential: Temporary);
        Assert.Contains("x-amz-security-token", request.FindHeader("Authorization"), StringComparison.Ordinal);
        SigV4VerificationResult result = SignedRequests.Verify(request, store: TestCredentials.Store(Temporary));
        Assert.True(result.IsSuccess, result.ToString());
    }

    [Fact]
    public void A_presigned_token_is_accepted()
    {
        SigV4Request request = SignedRequests.Presign(credential: Temporary);
        Assert.Contains("X-Amz-Security-Token=session-token%2Fwith%2Bchars%3D", request.RawQuery, StringComparison.Ordinal);
        Assert.True(SignedRequests.Verify(request, store: TestCredentials.Store(Temporary)).IsSuccess);
    }

    [Fact]
    public void A_wrong_or_missing_token_is_UnrecognizedClient()
    {
        InMemorySigV4CredentialStore store = TestCredentials.Store(Temporary);
        SigV4Request wrong = SignedRequests.Sign(credential: Temporary with { SessionToken = "other" });
        VerifierErrorTests.AssertFailure(SignedRequests.Verify(wrong, store: store), "UnrecognizedClientException", 403, "does not match the session");

        SigV4Request none = SignedRequests.Sign(credential: Temporary with { SessionToken = null });
        VerifierErrorTests.AssertFailure(SignedRequests.Verify(none, store: store), "UnrecognizedClientException", 403, "requires X-Amz-Security-Token");
    }

    [Fact]
    public void Credentials_never_print_their_secrets()
    {
        string text = Temporary.ToString();
        Assert.DoesNotContain("temp-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("session-token", text, StringComparison.Ordinal);
        Assert.Contains("ASIATEMPORARY000001", text, StringComparison.Ordinal);
    }
}
