using CloudMesh.SigV4.Tests.Support;

namespace CloudMesh.SigV4.Tests;

/// <summary>The header form is accepted within MaxClockSkew of the server clock, either way, and refused beyond it.</summary>
public sealed class ClockSkewTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(900)]
    [InlineData(-900)]
    public void Within_the_skew_is_accepted(int serverAheadSeconds)
    {
        var clock = new ManualTimeProvider(TestCredentials.SigningTime.AddSeconds(serverAheadSeconds));
        Assert.True(SignedRequests.Verify(SignedRequests.Sign(), clock).IsSuccess);
    }

    [Fact]
    public void Older_than_the_skew_is_Signature_expired()
    {
        var clock = new ManualTimeProvider(TestCredentials.SigningTime.AddSeconds(901));
        VerifierErrorTests.AssertFailure(
            SignedRequests.Verify(SignedRequests.Sign(), clock), "InvalidSignatureException", 403,
            "Signature expired: 20250102T030405Z is now earlier than 20250102T030406Z (20250102T031906Z - 15 min.)");
    }

    [Fact]
    public void Later_than_the_skew_is_Signature_not_yet_current()
    {
        var clock = new ManualTimeProvider(TestCredentials.SigningTime.AddSeconds(-901));
        VerifierErrorTests.AssertFailure(
            SignedRequests.Verify(SignedRequests.Sign(), clock), "InvalidSignatureException", 403,
            "Signature not yet current: 20250102T030405Z is still later than 20250102T030404Z (20250102T024904Z + 15 min.)");
    }

    [Fact]
    public async Task The_skew_is_configurable()
    {
        var clock = new ManualTimeProvider(TestCredentials.SigningTime.AddSeconds(91));
        var verifier = SignedRequests.Verifier(clock, new SigV4VerifierOptions { MaxClockSkew = TimeSpan.FromSeconds(90) });
        SigV4VerificationResult result = await verifier.VerifyAsync(SignedRequests.Sign(), TestCredentials.Store(), CancellationToken.None);
        VerifierErrorTests.AssertFailure(result, "InvalidSignatureException", 403, "is now earlier than 20250102T030406Z (20250102T030536Z - 90 sec.)");

        clock.Now = TestCredentials.SigningTime.AddSeconds(90);
        Assert.True((await verifier.VerifyAsync(SignedRequests.Sign(), TestCredentials.Store(), CancellationToken.None)).IsSuccess);
    }
}
