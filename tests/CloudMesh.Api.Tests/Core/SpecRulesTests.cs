using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using Xunit;

namespace CloudMesh.Api.Tests.Core;

public sealed class SpecRulesTests
{
    private const string Action = """{"weightedTargets":[{"virtualNode":"a","weight":1}]}""";

    [Theory]
    [InlineData("{}", "exactly one of")]
    [InlineData("{\"httpRoute\":{\"match\":{\"prefix\":\"/\"},\"action\":" + Action + "},\"tcpRoute\":{\"action\":" + Action + "}}", "(found 2)")]
    [InlineData("{\"httpRoute\":{\"match\":{\"prefix\":\"api\"},\"action\":" + Action + "}}", "spec.httpRoute.match.prefix: 'api' must start with '/'")]
    [InlineData("{\"http2Route\":{\"match\":{},\"action\":" + Action + "}}", "spec.http2Route.match: specify a prefix")]
    public void Refuses_invalid_routes(string spec, string expected)
    {
        var errors = SpecRules.Check(ResourceKinds.Route, JsonNode.Parse(spec)!.AsObject());

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"httpRoute\":{\"match\":{\"prefix\":\"/\"},\"action\":" + Action + "}}")]
    [InlineData("{\"httpRoute\":{\"match\":{\"path\":{\"exact\":\"/x\"}},\"action\":" + Action + "}}")]
    [InlineData("{\"tcpRoute\":{\"action\":" + Action + "}}")]
    public void Accepts_valid_routes(string spec) =>
        Assert.Empty(SpecRules.Check(ResourceKinds.Route, JsonNode.Parse(spec)!.AsObject()));

    [Fact]
    public void Gateway_routes_have_no_tcp_route()
    {
        var errors = SpecRules.Check(ResourceKinds.GatewayRoute, JsonNode.Parse("""{"tcpRoute":{}}""")!.AsObject());

        Assert.Contains(errors, e => e.Contains("httpRoute, http2Route, grpcRoute", StringComparison.Ordinal));
    }
}
