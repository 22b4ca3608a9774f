using CloudMesh.Proxy.Xds.Configuration;
using Envoy.Config.Core.V3;

namespace CloudMesh.Proxy.Xds.Tests.Configuration;

public sealed class XdsNodeFactoryTests
{
    [Fact]
    public void The_resource_arn_wins_over_the_legacy_name_and_instance_metadata_is_added()
    {
        var environment = new Dictionary<string, string?>
        {
            ["APPMESH_RESOURCE_ARN"] = "arn:aws:appmesh:us-east-1:111122223333:mesh/shop/virtualNode/front",
            ["APPMESH_VIRTUAL_NODE_NAME"] = "mesh/shop/virtualNode/other",
            ["CLOUDMESH_INSTANCE_ADDRESS"] = "10.1.2.3",
            ["CLOUDMESH_INSTANCE_PORT"] = "8080",
            ["CLOUDMESH_INSTANCE_ID"] = "task-1",
        };

        Node node = XdsNodeFactory.FromEnvironment(environment.GetValueOrDefault);

        Assert.Equal("arn:aws:appmesh:us-east-1:111122223333:mesh/shop/virtualNode/front", node.Id);
        Assert.Equal(node.Id, node.Cluster);
        Assert.Equal(XdsNodeFactory.UserAgentName, node.UserAgentName);
        Assert.Equal("10.1.2.3", node.Metadata.Fields[XdsNodeFactory.InstanceAddressKey].StringValue);
        Assert.Equal(8080, node.Metadata.Fields[XdsNodeFactory.InstancePortKey].NumberValue);
        Assert.Equal("task-1", node.Metadata.Fields[XdsNodeFactory.InstanceIdKey].StringValue);
    }

    [Fact]
    public void The_legacy_name_and_cluster_are_used_without_an_arn()
    {
        var environment = new Dictionary<string, string?>
        {
            ["APPMESH_VIRTUAL_NODE_NAME"] = "mesh/shop/virtualNode/front",
            ["APPMESH_VIRTUAL_NODE_CLUSTER"] = "front-cluster",
        };

        Node node = XdsNodeFactory.FromEnvironment(environment.GetValueOrDefault);

        Assert.Equal("mesh/shop/virtualNode/front", node.Id);
        Assert.Equal("front-cluster", node.Cluster);
        Assert.Empty(node.Metadata.Fields);
    }

    [Fact]
    public void Missing_identity_or_a_bad_port_says_what_to_set()
    {
        var none = new Dictionary<string, string?>();
        InvalidOperationException missing = Assert.Throws<InvalidOperationException>(() => XdsNodeFactory.FromEnvironment(none.GetValueOrDefault));
        Assert.Contains("APPMESH_RESOURCE_ARN", missing.Message, StringComparison.Ordinal);

        var badPort = new Dictionary<string, string?> { ["APPMESH_VIRTUAL_NODE_NAME"] = "mesh/m/virtualNode/n", ["CLOUDMESH_INSTANCE_PORT"] = "http" };
        Assert.Throws<InvalidOperationException>(() => XdsNodeFactory.FromEnvironment(badPort.GetValueOrDefault));
    }

    [Fact]
    public void Client_options_from_the_environment_carry_the_token_as_bearer_metadata()
    {
        var environment = new Dictionary<string, string?>
        {
            ["CLOUDMESH_XDS_URL"] = "https://cp.example:8443",
            ["CLOUDMESH_XDS_TOKEN"] = "cmx_abc",
            ["CLOUDMESH_XDS_STATE_PATH"] = "/var/lib/cloudmesh/xds.bin",
            ["APPMESH_VIRTUAL_NODE_NAME"] = "mesh/shop/virtualNode/front",
        };

        XdsClientOptions options = XdsClientOptions.FromEnvironment(environment.GetValueOrDefault);

        Assert.Equal(new Uri("https://cp.example:8443"), options.ControlPlaneAddress);
        Assert.Equal("Bearer cmx_abc", options.CallMetadata.GetValue("authorization"));
        Assert.Equal("/var/lib/cloudmesh/xds.bin", options.StatePath);
        Assert.Equal("mesh/shop/virtualNode/front", options.Node.Id);
        Assert.Throws<InvalidOperationException>(() => XdsClientOptions.FromEnvironment(
            new Dictionary<string, string?> { ["CLOUDMESH_XDS_URL"] = "ftp://x", ["APPMESH_VIRTUAL_NODE_NAME"] = "mesh/m/virtualNode/n" }.GetValueOrDefault));
    }
}
