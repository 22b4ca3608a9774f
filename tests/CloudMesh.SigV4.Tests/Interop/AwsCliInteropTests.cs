using System.Diagnostics;
using CloudMesh.SigV4.Tests.Support;

namespace CloudMesh.SigV4.Tests.Interop;

/// <summary>The stock AWS CLI v1 (`aws appmesh ...`) signs; what arrives on the socket must verify.</summary>
public sealed class AwsCliInteropTests
{
    [Theory]
    [InlineData("list-virtual-nodes", "--mesh-name", "my mesh", "--limit", "5", "--next-token", "abc/def")]
    [InlineData("create-mesh", "--mesh-name", "mesh-1", "--spec", "{\"egressFilter\":{\"type\":\"ALLOW_ALL\"}}")]
    [InlineData("describe-virtual-node", "--mesh-name", "m", "--virtual-node-name", "node:one+two~", "--mesh-owner", "123456789012")]
    public async Task Aws_cli_request_verifies(params string[] appmeshArguments)
    {
        using var capture = new RawHttpCapture();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task<SigV4Request> captured = capture.CaptureOneAsync(timeout.Token);

        var start = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["appmesh", .. appmeshArguments, "--endpoint-url", capture.BaseUri.ToString(), "--region", "us-east-1"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = TestCredentials.Tenant.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = TestCredentials.Tenant.SecretAccessKey;
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment.Remove("AWS_SESSION_TOKEN");
        start.Environment.Remove("AWS_PROFILE");
        using Process cli = Process.Start(start) ?? throw new InvalidOperationException("could not start aws");

        SigV4Request request = await captured;
        await cli.WaitForExitAsync(timeout.Token);

        string amzDate = request.FindHeader("X-Amz-Date") ?? throw new InvalidOperationException("the CLI sent no X-Amz-Date");
        SigV4VerificationResult result = SignedRequests.Verify(
            request, new ManualTimeProvider(BotocoreSignedRequests.ParseTimestamp(amzDate)));
        Assert.True(result.IsSuccess, result.ToString());

        SigV4Request tampered = SignedRequests.With(request, rawPath: request.RawPath + "x");
        Assert.False(SignedRequests.Verify(tampered, new ManualTimeProvider(BotocoreSignedRequests.ParseTimestamp(amzDate))).IsSuccess);
    }
}
