using CloudMesh.SigV4.Tests.Support;

namespace CloudMesh.SigV4.Tests;

/// <summary>The presigned (query) form: validity window, limits and required parameters.</summary>
public sealed class PresignedTests
{
    [Fact]
    public void Valid_until_its_date_plus_X_Amz_Expires_even_beyond_the_clock_skew()
    {
        SigV4Request request = SignedRequests.Presign(expires: TimeSpan.FromHours(1));
        var clock = new ManualTimeProvider(TestCredentials.SigningTime.AddSeconds(3600));
        Assert.True(SignedRequests.Verify(request, clock).IsSuccess);

        clock.Advance(TimeSpan.FromSeconds(1));
        VerifierErrorTests.AssertFailure(
            SignedRequests.Verify(request, clock), "InvalidSignatureException", 403,
            "Signature expired: 20250102T030405Z is now earlier than 20250102T030406Z (20250102T040406Z - 3600 sec.); the presigned request expired at 20250102T040405Z.");
    }

    [Fact]
    public void Dated_in_the_future_beyond_the_skew_is_not_yet_current()
    {
        SigV4Request request = SignedRequests.Presign();
        var clock = new ManualTimeProvider(TestCredentials.SigningTime.AddMinutes(-16));
        VerifierErrorTests.AssertFailure(SignedRequests.Verify(request, clock), "InvalidSignatureException", 403, "Signature not yet current:");
    }

    [Fact]
    public void Seven_days_is_the_longest_allowed_expiry()
    {
        SigV4Request week = SignedRequests.Presign(expires: TimeSpan.FromDays(7));
        Assert.True(SignedRequests.Verify(week, new ManualTimeProvider(TestCredentials.SigningTime.AddDays(7))).IsSuccess);

        SigV4Request tooLong = SignedRequests.With(week, rawQuery: week.RawQuery.Replace("X-Amz-Expires=604800", "X-Amz-Expires=604801", StringComparison.Ordinal));
        VerifierErrorTests.AssertFailure(SignedRequests.Verify(tooLong), "IncompleteSignatureException", 400, "X-Amz-Expires must be less than a week (in seconds) that is 604800; got 604801.");
        Assert.Throws<ArgumentOutOfRangeException>(() => SignedRequests.Presign(expires: TimeSpan.FromDays(7.01)));
    }

    [Theory]
    [InlineData("X-Amz-Expires=3600", "X-Amz-Expires=soon", "X-Amz-Expires 'soon' must be a whole number")]
    [InlineData("X-Amz-Expires=3600", "X-Amz-Expires=0", "X-Amz-Expires '0' must be a whole number of seconds from 1")]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA1", "Unsupported X-Amz-Algorithm 'AWS4-HMAC-SHA1'")]
    [InlineData("X-Amz-Date=20250102T030405Z", "X-Amz-Date=2025", "X-Amz-Date '2025' is not in the ISO 8601 basic format")]
    [InlineData("&X-Amz-Expires=3600", "", "missing: X-Amz-Expires.")]
    [InlineData("&X-Amz-Date=20250102T030405Z&X-Amz-Expires=3600", "", "missing: X-Amz-Date, X-Amz-Expires.")]
    [InlineData("limit=5", "X-Amz-Expires=7&X-Amz-Expires=7", "Query parameter 'X-Amz-Expires' appears more than once.")]
    public void Malformed_parameters_are_IncompleteSignature(string find, string replace, string expectedMessagePart)
    {
        SigV4Request request = SignedRequests.Presign();
        Assert.Contains(find, request.RawQuery, StringComparison.Ordinal);
        SigV4Request broken = SignedRequests.With(request, rawQuery: request.RawQuery.Replace(find, replace, StringComparison.Ordinal));
        VerifierErrorTests.AssertFailure(SignedRequests.Verify(broken), "IncompleteSignatureException", 400, expectedMessagePart);
    }

    [Fact]
    public void Encoded_parameter_names_are_recognised()
    {
        SigV4Request request = SignedRequests.Presign();
        SigV4Request encodedName = SignedRequests.With(request, rawQuery: request.RawQuery.Replace("X-Amz-Signature=", "X%2DAmz-Signature=", StringComparison.Ordinal));
        Assert.True(SignedRequests.Verify(encodedName).IsSuccess);
    }

    [Fact]
    public void A_changed_query_parameter_breaks_the_signature()
    {
        SigV4Request request = SignedRequests.Presign("/v20190125/meshes?limit=5");
        SigV4Request changed = SignedRequests.With(request, rawQuery: request.RawQuery.Replace("limit=5", "limit=6", StringComparison.Ordinal));
        VerifierErrorTests.AssertFailure(SignedRequests.Verify(changed), "InvalidSignatureException", 403, "does not match the signature you provided");
    }
}
