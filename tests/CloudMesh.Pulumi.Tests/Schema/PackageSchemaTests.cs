using System.Text.Json.Nodes;
using CloudMesh.AppMesh.Model;
using CloudMesh.Pulumi.Provider.Schema;

namespace CloudMesh.Pulumi.Tests.Schema;

public sealed class PackageSchemaTests
{
    private static readonly JsonObject Schema = PackageSchema.Build(ServiceModel.AppMesh);

    [Theory]
    [InlineData("Mesh")]
    [InlineData("VirtualNode")]
    [InlineData("VirtualService")]
    [InlineData("VirtualRouter")]
    [InlineData("Route")]
    [InlineData("VirtualGateway")]
    [InlineData("GatewayRoute")]
    public void Every_kind_has_a_resource_and_a_get_function(string type)
    {
        Assert.NotNull(Schema["resources"]![$"cloudmesh:index:{type}"]);
        Assert.NotNull(Schema["functions"]![$"cloudmesh:index:get{type}"]);
    }

    [Fact]
    public void Every_type_reference_resolves_to_a_defined_type()
    {
        var types = Schema["types"]!.AsObject();
        var references = Refs(Schema).ToList();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            Assert.StartsWith("#/types/", reference);
            Assert.True(types.ContainsKey(reference["#/types/".Length..]), $"{reference} is not defined");
        }
    }

    [Fact]
    public void Specs_use_the_api_member_names_and_enums_are_string_enums()
    {
        var types = Schema["types"]!.AsObject();
        var listener = types["cloudmesh:index:Listener"]!["properties"]!.AsObject();
        Assert.Equal("#/types/cloudmesh:index:PortMapping", listener["portMapping"]!["$ref"]!.GetValue<string>());
        Assert.Equal("integer", types["cloudmesh:index:PortMapping"]!["properties"]!["port"]!["type"]!.GetValue<string>());
        var protocol = types["cloudmesh:index:PortProtocol"]!;
        Assert.Equal("string", protocol["type"]!.GetValue<string>());
        Assert.Contains(protocol["enum"]!.AsArray(), e => e!["value"]!.GetValue<string>() == "grpc");
    }

    [Fact]
    public void Identity_properties_replace_and_the_secret_key_is_secret()
    {
        var node = Schema["resources"]!["cloudmesh:index:Route"]!["inputProperties"]!;
        Assert.True(node["virtualRouterName"]!["willReplaceOnChanges"]!.GetValue<bool>());
        Assert.True(node["meshName"]!["willReplaceOnChanges"]!.GetValue<bool>());
        Assert.Null(node["spec"]!["willReplaceOnChanges"]);
        Assert.True(Schema["config"]!["variables"]!["secretKey"]!["secret"]!.GetValue<bool>());
        Assert.Equal(["meshName", "spec", "virtualRouterName"], Schema["resources"]!["cloudmesh:index:Route"]!["requiredInputs"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    private static IEnumerable<string> Refs(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$ref" ? [p.Value!.GetValue<string>()] : Refs(p.Value)),
        JsonArray a => a.SelectMany(Refs),
        _ => [],
    };
}
