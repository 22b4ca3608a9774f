using CloudMesh.ControlPlane.Identity;
using CloudMesh.ControlPlane.Model;

namespace CloudMesh.ControlPlane.Tests.Identity;

public sealed class NodeIdTests
{
    [Theory]
    [InlineData("arn:aws:appmesh:us-east-1:111111111111:mesh/shop/virtualNode/cart", "us-east-1", "111111111111", "shop", ProxyKind.VirtualNode, "cart")]
    [InlineData("arn:aws:appmesh:eu-west-1:222222222222:mesh/m/virtualGateway/ingress-gw", "eu-west-1", "222222222222", "m", ProxyKind.VirtualGateway, "ingress-gw")]
    [InlineData("mesh/shop/virtualNode/cart", null, null, "shop", ProxyKind.VirtualNode, "cart")]
    [InlineData("mesh/shop/virtualGateway/gw", null, null, "shop", ProxyKind.VirtualGateway, "gw")]
    public void Parses_ARNs_and_legacy_ids(string text, string? region, string? account, string mesh, ProxyKind kind, string name)
    {
        Assert.True(NodeId.TryParse(text, out NodeId? parsed, out string error), error);

        Assert.Equal(new NodeId(region, account, mesh, kind, name), parsed);
    }

    [Theory]
    [InlineData("", "must carry node.id")]
    [InlineData("envoy-1", "does not name a virtual node")]
    [InlineData("arn:aws:ecs:us-east-1:111111111111:task/abc", "is not an App Mesh ARN")]
    [InlineData("arn:aws:appmesh:us-east-1:12345:mesh/m/virtualNode/n", "12-digit account")]
    [InlineData("mesh/m/virtualRouter/r", "only virtualNode and virtualGateway")]
    [InlineData("mesh/m/virtualNode/", "does not name a virtual node")]
    [InlineData("mesh/m/virtualNode/n/extra", "does not name a virtual node")]
    [InlineData("arn:aws:appmesh:us-east-1:111111111111:mesh/m", "does not name a virtual node")]
    public void Refuses_anything_else_saying_what_is_expected(string text, string expectedMessagePart)
    {
        Assert.False(NodeId.TryParse(text, out NodeId? parsed, out string error));

        Assert.Null(parsed);
        Assert.Contains(expectedMessagePart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Binds_to_the_authenticated_tenant()
    {
        Assert.True(NodeId.TryParse("mesh/shop/virtualNode/cart", out NodeId? parsed, out _));

        Assert.Equal(new ProxyIdentity("333333333333", "shop", ProxyKind.VirtualNode, "cart"), parsed!.ToIdentity("333333333333"));
    }
}
