namespace CloudMesh.AppMesh.Model.Tests;

public sealed class ServiceModelTests
{
    private static readonly ServiceModel Model = ServiceModel.AppMesh;

    [Fact]
    public void Loads_all_38_operations_and_the_metadata()
    {
        Assert.Equal(38, Model.Operations.Count);
        Assert.Equal("2019-01-25", Model.ApiVersion);
        Assert.Equal("appmesh", Model.SigningName);
        Assert.Equal("rest-json", Model.Protocol);
    }

    [Fact]
    public void AppMesh_is_loaded_once()
    {
        Assert.Same(ServiceModel.AppMesh, ServiceModel.AppMesh);
    }

    [Theory]
    [InlineData("CreateGatewayRoute", "PUT", "/v20190125/meshes/{meshName}/virtualGateway/{virtualGatewayName}/gatewayRoutes")]
    [InlineData("CreateMesh", "PUT", "/v20190125/meshes")]
    [InlineData("CreateRoute", "PUT", "/v20190125/meshes/{meshName}/virtualRouter/{virtualRouterName}/routes")]
    [InlineData("CreateVirtualGateway", "PUT", "/v20190125/meshes/{meshName}/virtualGateways")]
    [InlineData("CreateVirtualNode", "PUT", "/v20190125/meshes/{meshName}/virtualNodes")]
    [InlineData("CreateVirtualRouter", "PUT", "/v20190125/meshes/{meshName}/virtualRouters")]
    [InlineData("CreateVirtualService", "PUT", "/v20190125/meshes/{meshName}/virtualServices")]
    [InlineData("DeleteGatewayRoute", "DELETE", "/v20190125/meshes/{meshName}/virtualGateway/{virtualGatewayName}/gatewayRoutes/{gatewayRouteName}")]
    [InlineData("DeleteMesh", "DELETE", "/v20190125/meshes/{meshName}")]
    [InlineData("DeleteRoute", "DELETE", "/v20190125/meshes/{meshName}/virtualRouter/{virtualRouterName}/routes/{routeName}")]
    [InlineData("DeleteVirtualGateway", "DELETE", "/v20190125/meshes/{meshName}/virtualGateways/{virtualGatewayName}")]
    [InlineData("DeleteVirtualNode", "DELETE", "/v20190125/meshes/{meshName}/virtualNodes/{virtualNodeName}")]
    [InlineData("DeleteVirtualRouter", "DELETE", "/v20190125/meshes/{meshName}/virtualRouters/{virtualRouterName}")]
    [InlineData("DeleteVirtualService", "DELETE", "/v20190125/meshes/{meshName}/virtualServices/{virtualServiceName}")]
    [InlineData("DescribeGatewayRoute", "GET", "/v20190125/meshes/{meshName}/virtualGateway/{virtualGatewayName}/gatewayRoutes/{gatewayRouteName}")]
    [InlineData("DescribeMesh", "GET", "/v20190125/meshes/{meshName}")]
    [InlineData("DescribeRoute", "GET", "/v20190125/meshes/{meshName}/virtualRouter/{virtualRouterName}/routes/{routeName}")]
    [InlineData("DescribeVirtualGateway", "GET", "/v20190125/meshes/{meshName}/virtualGateways/{virtualGatewayName}")]
    [InlineData("DescribeVirtualNode", "GET", "/v20190125/meshes/{meshName}/virtualNodes/{virtualNodeName}")]
    [InlineData("DescribeVirtualRouter", "GET", "/v20190125/meshes/{meshName}/virtualRouters/{virtualRouterName}")]
    [InlineData("DescribeVirtualService", "GET", "/v20190125/meshes/{meshName}/virtualServices/{virtualServiceName}")]
    [InlineData("ListGatewayRoutes", "GET", "/v20190125/meshes/{meshName}/virtualGateway/{virtualGatewayName}/gatewayRoutes")]
    [InlineData("ListMeshes", "GET", "/v20190125/meshes")]
    [InlineData("ListRoutes", "GET", "/v20190125/meshes/{meshName}/virtualRouter/{virtualRouterName}/routes")]
    [InlineData("ListTagsForResource", "GET", "/v20190125/tags")]
    [InlineData("ListVirtualGateways", "GET", "/v20190125/meshes/{meshName}/virtualGateways")]
    [InlineData("ListVirtualNodes", "GET", "/v20190125/meshes/{meshName}/virtualNodes")]
    [InlineData("ListVirtualRouters", "GET", "/v20190125/meshes/{meshName}/virtualRouters")]
    [InlineData("ListVirtualServices", "GET", "/v20190125/meshes/{meshName}/virtualServices")]
    [InlineData("TagResource", "PUT", "/v20190125/tag")]
    [InlineData("UntagResource", "PUT", "/v20190125/untag")]
    [InlineData("UpdateGatewayRoute", "PUT", "/v20190125/meshes/{meshName}/virtualGateway/{virtualGatewayName}/gatewayRoutes/{gatewayRouteName}")]
    [InlineData("UpdateMesh", "PUT", "/v20190125/meshes/{meshName}")]
    [InlineData("UpdateRoute", "PUT", "/v20190125/meshes/{meshName}/virtualRouter/{virtualRouterName}/routes/{routeName}")]
    [InlineData("UpdateVirtualGateway", "PUT", "/v20190125/meshes/{meshName}/virtualGateways/{virtualGatewayName}")]
    [InlineData("UpdateVirtualNode", "PUT", "/v20190125/meshes/{meshName}/virtualNodes/{virtualNodeName}")]
    [InlineData("UpdateVirtualRouter", "PUT", "/v20190125/meshes/{meshName}/virtualRouters/{virtualRouterName}")]
    [InlineData("UpdateVirtualService", "PUT", "/v20190125/meshes/{meshName}/virtualServices/{virtualServiceName}")]
    public void Operation_has_the_models_http_binding(string name, string method, string uri)
    {
        var op = Model.Operations[name];
        Assert.Equal(name, op.Name);
        Assert.Equal(method, op.HttpMethod);
        Assert.Equal(uri, op.RequestUri);
        Assert.Equal(200, op.ResponseCode);
        Assert.Equal(name + "Input", op.Input.Name);
        Assert.Equal(name + "Output", op.Output?.Name);
        // Every App Mesh write is idempotent (PUT/DELETE); reads carry no idempotent flag in the model.
        Assert.Equal(method != "GET", op.Idempotent);
    }

    [Fact]
    public void Operation_errors_are_the_models_error_shapes()
    {
        var errors = Model.Operations["CreateMesh"].Errors;
        Assert.Equal(
            ["NotFoundException", "BadRequestException", "ConflictException", "TooManyRequestsException", "ForbiddenException",
             "ServiceUnavailableException", "InternalServerErrorException", "LimitExceededException"],
            errors);
        Assert.All(Model.Operations.Values.SelectMany(o => o.Errors), e => Assert.True(Model.GetShape(e).IsException));
    }

    [Theory]
    [InlineData("BadRequestException", 400)]
    [InlineData("ConflictException", 409)]
    [InlineData("ForbiddenException", 403)]
    [InlineData("InternalServerErrorException", 500)]
    [InlineData("LimitExceededException", 400)]
    [InlineData("NotFoundException", 404)]
    [InlineData("ResourceInUseException", 409)]
    [InlineData("ServiceUnavailableException", 503)]
    [InlineData("TooManyRequestsException", 429)]
    [InlineData("TooManyTagsException", 400)]
    public void Error_shapes_carry_their_http_status(string shape, int status)
    {
        var error = Model.GetShape(shape);
        Assert.True(error.IsException);
        Assert.Equal(status, error.HttpStatusCode);
        Assert.Equal("message", Assert.Single(error.Members).Name);
    }

    [Fact]
    public void Structure_members_keep_model_order_and_locations()
    {
        var input = Model.GetShape("CreateVirtualNodeInput");
        Assert.Equal(ShapeType.Structure, input.Type);
        Assert.Equal(["clientToken", "meshName", "meshOwner", "spec", "tags", "virtualNodeName"], input.Members.Select(m => m.Name));
        Assert.Equal(new HashSet<string> { "meshName", "spec", "virtualNodeName" }, input.Required);

        var mesh = input.GetMember("meshName");
        Assert.Equal("uri", mesh.Location);
        Assert.Equal("meshName", mesh.LocationName);
        Assert.True(mesh.IsRequired);
        Assert.Same(Model.GetShape("ResourceName"), mesh.Shape);

        Assert.Equal("querystring", input.GetMember("meshOwner").Location);
        var token = input.GetMember("clientToken");
        Assert.True(token.IdempotencyToken);
        Assert.Null(token.Location);
        Assert.Equal("clientToken", token.LocationName);

        Assert.True(input.TryGetMember("spec", out var spec));
        Assert.Same(Model.GetShape("VirtualNodeSpec"), spec.Shape);
        Assert.False(input.TryGetMember("Spec", out _));
        Assert.Throws<KeyNotFoundException>(() => input.GetMember("nope"));
    }

    [Fact]
    public void Scalar_constraints_are_loaded()
    {
        var port = Model.GetShape("PortNumber");
        Assert.Equal(ShapeType.Integer, port.Type);
        Assert.Equal(1, port.Min);
        Assert.Equal(65535, port.Max);

        var egress = Model.GetShape("EgressFilterType");
        Assert.Equal(["ALLOW_ALL", "DROP_ALL"], egress.Enum);

        var tags = Model.GetShape("TagList");
        Assert.Equal(ShapeType.List, tags.Type);
        Assert.Equal(0, tags.Min);
        Assert.Equal(50, tags.Max);
        Assert.Same(Model.GetShape("TagRef"), tags.ListMember!.Shape);

        Assert.Equal(ShapeType.Long, Model.GetShape("DurationValue").Type);
        Assert.Equal(ShapeType.Timestamp, Model.GetShape("Timestamp").Type);
        Assert.Equal(ShapeType.Boolean, Model.GetShape("Boolean").Type);
        Assert.Null(Model.GetShape("Arn").Min);
        Assert.Null(Model.GetShape("Arn").Pattern);
    }

    [Fact]
    public void Only_the_cloud_map_attribute_shapes_have_patterns()
    {
        var patterned = Model.Shapes.Values.Where(s => s.Pattern is not null).Select(s => s.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["AwsCloudMapInstanceAttributeKey", "AwsCloudMapInstanceAttributeValue"], patterned);
        Assert.Equal("^[a-zA-Z0-9!-~]+$", Model.GetShape("AwsCloudMapInstanceAttributeKey").Pattern);
    }

    [Fact]
    public void Unions_payloads_and_sensitivity_are_loaded()
    {
        Assert.True(Model.GetShape("ServiceDiscovery").IsUnion);
        Assert.True(Model.GetShape("VirtualServiceProvider").IsUnion);
        Assert.False(Model.GetShape("VirtualNodeSpec").IsUnion);
        Assert.Equal(20, Model.Shapes.Values.Count(s => s.IsUnion));

        Assert.Equal("virtualNode", Model.GetShape("CreateVirtualNodeOutput").Payload);
        Assert.Null(Model.GetShape("ListMeshesOutput").Payload);
        Assert.DoesNotContain(Model.Shapes.Values, s => s.IsSensitive);
    }

    [Fact]
    public void GetShape_names_the_missing_shape()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => Model.GetShape("NoSuchShape"));
        Assert.Contains("NoSuchShape", ex.Message, StringComparison.Ordinal);
    }
}
