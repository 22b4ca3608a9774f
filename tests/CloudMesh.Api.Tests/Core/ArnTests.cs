using CloudMesh.Api.Core.Resources;
using Xunit;

namespace CloudMesh.Api.Tests.Core;

public sealed class ArnTests
{
    public static TheoryData<string, string, string, string, string> Keys => new()
    {
        { "mesh", "m", "", "m", "arn:aws:appmesh:us-east-1:123456789012:mesh/m" },
        { "virtualNode", "m", "", "vn", "arn:aws:appmesh:us-east-1:123456789012:mesh/m/virtualNode/vn" },
        { "virtualService", "m", "", "svc.local", "arn:aws:appmesh:us-east-1:123456789012:mesh/m/virtualService/svc.local" },
        { "virtualRouter", "m", "", "vr", "arn:aws:appmesh:us-east-1:123456789012:mesh/m/virtualRouter/vr" },
        { "route", "m", "vr", "r", "arn:aws:appmesh:us-east-1:123456789012:mesh/m/virtualRouter/vr/route/r" },
        { "virtualGateway", "m", "", "gw", "arn:aws:appmesh:us-east-1:123456789012:mesh/m/virtualGateway/gw" },
        { "gatewayRoute", "m", "gw", "gr", "arn:aws:appmesh:us-east-1:123456789012:mesh/m/virtualGateway/gw/gatewayRoute/gr" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Formats_and_parses_every_kind(string kind, string mesh, string parent, string name, string expected)
    {
        var key = new ResourceKey(ResourceKinds.FindByName(kind)!, mesh, parent, name);

        var arn = Arn.Format("us-east-1", "123456789012", key);

        Assert.Equal(expected, arn);
        Assert.True(Arn.TryParse(arn, out var parsed, out var error), error);
        Assert.Equal(new ParsedArn("us-east-1", "123456789012", key), parsed);
    }

    [Theory]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("arn:aws:appmesh:us-east-1:123456789012:mesh/")]
    [InlineData("arn:aws:appmesh:us-east-1:123456789012:virtualNode/x")]
    [InlineData("arn:aws:appmesh:us-east-1:123456789012:mesh/m/route/r")]
    [InlineData("arn:aws:appmesh:us-east-1:123456789012:mesh/m/virtualGateway/gw/route/r")]
    [InlineData("arn:aws:appmesh:us-east-1:123456789012:mesh/m/bogus/x")]
    [InlineData("arn:aws:appmesh::123456789012:mesh/m")]
    public void Rejects_what_is_not_an_app_mesh_resource(string arn)
    {
        Assert.False(Arn.TryParse(arn, out _, out var error));
        Assert.Contains(arn, error, StringComparison.Ordinal);
    }
}
