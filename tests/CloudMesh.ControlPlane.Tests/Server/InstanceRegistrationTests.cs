using CloudMesh.ControlPlane.Server;
using Envoy.Config.Core.V3;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.ControlPlane.Tests.Server;

public sealed class InstanceRegistrationTests
{
    private static Node NodeWith(params (string Key, Value Value)[] fields)
    {
        var metadata = new Struct();
        foreach ((string key, Value value) in fields)
        {
            metadata.Fields[key] = value;
        }

        return new Node { Id = "mesh/m/virtualNode/n", Metadata = metadata };
    }

    [Fact]
    public void No_address_means_no_registration()
    {
        Assert.Null(InstanceRegistration.From(NodeWith()));
        Assert.Null(InstanceRegistration.From(null));
    }

    [Fact]
    public void Defaults_the_port_to_0_and_the_id_to_node_at_address_and_port()
    {
        InstanceRegistration? instance = InstanceRegistration.From(NodeWith(("cloudmesh.instance.address", Value.ForString("10.1.2.3"))));

        Assert.Equal(new InstanceRegistration("mesh/m/virtualNode/n@10.1.2.3:0", "10.1.2.3", 0), instance);
    }

    [Fact]
    public void Takes_the_port_as_number_or_string_and_an_explicit_id()
    {
        Assert.Equal(8080, InstanceRegistration.From(NodeWith(
            ("cloudmesh.instance.address", Value.ForString("10.1.2.3")), ("cloudmesh.instance.port", Value.ForNumber(8080))))!.Port);
        InstanceRegistration? named = InstanceRegistration.From(NodeWith(
            ("cloudmesh.instance.address", Value.ForString("10.1.2.3")),
            ("cloudmesh.instance.port", Value.ForString("9090")),
            ("cloudmesh.instance.id", Value.ForString("task-42"))));

        Assert.Equal(new InstanceRegistration("task-42", "10.1.2.3", 9090), named);
    }

    [Theory]
    [InlineData("http")]
    [InlineData("70000")]
    [InlineData("-1")]
    public void Refuses_a_port_that_is_not_one(string port)
    {
        Assert.Throws<FormatException>(() => InstanceRegistration.From(NodeWith(
            ("cloudmesh.instance.address", Value.ForString("10.1.2.3")), ("cloudmesh.instance.port", Value.ForString(port)))));
    }
}
