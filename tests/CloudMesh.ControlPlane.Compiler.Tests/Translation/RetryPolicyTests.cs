using CloudMesh.ControlPlane.Compiler.Emit;
using CloudMesh.ControlPlane.Compiler.Specs;

namespace CloudMesh.ControlPlane.Compiler.Tests.Translation;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData("server-error", "5xx")]
    [InlineData("gateway-error", "gateway-error")]
    [InlineData("client-error", "retriable-4xx")]
    [InlineData("stream-error", "refused-stream")]
    [InlineData("no-such-event", "")]
    public void Http_events_map_to_envoy_retry_on(string appMesh, string envoy)
    {
        Assert.Equal(envoy, RetryPolicies.RetryOn(new RetryPolicySpec([appMesh], [], [], 1, null)));
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("deadline-exceeded")]
    [InlineData("internal")]
    [InlineData("resource-exhausted")]
    [InlineData("unavailable")]
    public void Grpc_events_keep_their_names(string grpc)
    {
        Assert.Equal(grpc, RetryPolicies.RetryOn(new RetryPolicySpec([], [], [grpc], 1, null)));
    }

    [Fact]
    public void Events_are_ordered_http_tcp_grpc_and_not_repeated()
    {
        var spec = new RetryPolicySpec(["gateway-error", "server-error", "gateway-error"], ["connection-error"], ["unavailable"], 3, 250);

        var policy = RetryPolicies.Build(spec)!;

        Assert.Equal("gateway-error,5xx,connect-failure,unavailable", policy.RetryOn);
        Assert.Equal(3u, policy.NumRetries);
        Assert.Equal(Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMilliseconds(250)), policy.PerTryTimeout);
    }

    [Fact]
    public void A_policy_that_can_never_retry_is_left_out()
    {
        Assert.Null(RetryPolicies.Build(new RetryPolicySpec(["server-error"], [], [], 0, 1000)));
        Assert.Null(RetryPolicies.Build(new RetryPolicySpec(["teapot"], [], [], 2, 1000)));
        Assert.Null(RetryPolicies.Build(null));
    }
}
