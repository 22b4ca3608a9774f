using CloudMesh.SigV4.Tests.Support;

namespace CloudMesh.SigV4.Tests;

/// <summary>
/// Vectors AWS publishes: get-vanilla and get-vanilla-query-order-key-case from the SigV4 test suite, and the IAM
/// ListUsers example from the SigV4 documentation (all with AKIDEXAMPLE at 2015-08-30T12:36:00Z).
/// </summary>
public sealed class AwsPublishedVectorTests
{
    private static readonly SigV4Credential Example = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "example");
    private static readonly DateTimeOffset Moment = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("service", "example.amazonaws.com", "", null, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [InlineData("service", "example.amazonaws.com", "Param2=value2&Param1=value1", null, "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")]
    [InlineData("iam", "iam.amazonaws.com", "Action=ListUsers&Version=2010-05-08", "application/x-www-form-urlencoded; charset=utf-8", "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")]
    public async Task Signer_and_verifier_agree_with_the_published_signature(
        string service, string host, string query, string? contentType, string expectedSignature)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Host", host) };
        if (contentType is not null)
        {
            headers.Add(new("Content-Type", contentType));
        }

        var signer = new SigV4Signer(Example, "us-east-1", service, new ManualTimeProvider(Moment));
        SigV4HeaderSignature signature = signer.SignHeaders("GET", "/", query, headers, SigV4Request.EmptyPayloadHash);
        Assert.Equal(expectedSignature, signature.Signature);

        headers.Add(new("X-Amz-Date", signature.AmzDate));
        headers.Add(new("Authorization", signature.Authorization));
        var verifier = new SigV4Verifier(new SigV4VerifierOptions { Service = service }, new ManualTimeProvider(Moment));
        SigV4VerificationResult result = await verifier.VerifyAsync(
            new SigV4Request("GET", "/", query, headers, SigV4Request.EmptyPayloadHash),
            new InMemorySigV4CredentialStore([Example]),
            CancellationToken.None);
        Assert.True(result.IsSuccess, result.ToString());
    }
}
