using CloudMesh.Proxy.Xds.Configuration;
using CloudMesh.Xds;
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
        Assert.Equal("10.1.2.3", node.Metadata.Fields[NodeMetadataKeys.InstanceAddress].StringValue);
        Assert.Equal(8080, node.Metadata.Fields[NodeMetadataKeys.InstancePort].NumberValue);
        Assert.Equal("task-1", node.Metadata.Fields[NodeMetadataKeys.InstanceId].StringValue);
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
}
