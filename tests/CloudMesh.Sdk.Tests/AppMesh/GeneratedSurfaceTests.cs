using System.Reflection;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.AppMesh.Model;
using CloudMesh.TestSupport;
using Xunit;

namespace CloudMesh.Sdk.Tests.AppMesh;

/// <summary>
/// The generated surface matches the service model and AWSSDK.AppMesh's naming, so code written against
/// AWSSDK.AppMesh ports by changing namespaces.
/// </summary>
public sealed class GeneratedSurfaceTests
{
    private static readonly JsonObject Model =
        JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("api", "CloudMesh.AppMesh.Model", "appmesh-2019-01-25.json")))!.AsObject();

    private static readonly Assembly Sdk = typeof(AmazonAppMeshClient).Assembly;

    [Fact]
    public void Every_operation_is_an_async_method_on_the_interface_and_the_client()
    {
        var operations = Model["operations"]!.AsObject().Select(o => o.Key).ToList();
        Assert.Equal(38, operations.Count);
        foreach (var operation in operations)
        {
            var request = Sdk.GetType($"CloudMesh.Sdk.AppMesh.Model.{operation}Request", throwOnError: true)!;
            var response = Sdk.GetType($"CloudMesh.Sdk.AppMesh.Model.{operation}Response", throwOnError: true)!;
            Assert.True(request.IsSubclassOf(typeof(AmazonAppMeshRequest)), operation);
            Assert.True(response.IsSubclassOf(typeof(AmazonWebServiceResponse)), operation);
            foreach (var type in new[] { typeof(IAmazonAppMesh), typeof(AmazonAppMeshClient) })
            {
                var method = type.GetMethod(operation + "Async", [request, typeof(CancellationToken)]);
                Assert.NotNull(method);
                Assert.Equal(typeof(Task<>).MakeGenericType(response), method!.ReturnType);
            }
        }
    }

    [Fact]
    public void Every_error_shape_is_an_exception_deriving_the_service_exception()
    {
        var errors = Model["shapes"]!.AsObject().Where(s => s.Value!["exception"]?.GetValue<bool>() == true).Select(s => s.Key).ToList();
        Assert.Contains("ResourceInUseException", errors);
        foreach (var error in errors)
        {
            var type = Sdk.GetType($"CloudMesh.Sdk.AppMesh.Model.{error}", throwOnError: true)!;
            Assert.True(type.IsSubclassOf(typeof(AmazonAppMeshException)), error);
        }

        Assert.True(typeof(AmazonAppMeshException).IsSubclassOf(typeof(AmazonServiceException)));
    }

    [Fact]
    public void Enum_constants_are_named_as_aws_sdk_net_names_them()
    {
        Assert.Equal("DROP_ALL", EgressFilterType.DROP_ALL.Value);
        Assert.Equal("http", PortProtocol.Http.Value);
        Assert.Equal("http2", PortProtocol.Http2.Value);
        Assert.Equal("ms", DurationUnit.Ms.Value);
        Assert.Equal("deadline-exceeded", GrpcRetryPolicyEvent.DeadlineExceeded.Value);
        Assert.Equal("connection-error", TcpRetryPolicyEvent.ConnectionError.Value);
        Assert.Equal("IPv4_ONLY", IpPreference.IPv4_ONLY.Value);
        Assert.Same(EgressFilterType.ALLOW_ALL, EgressFilterType.FindValue("ALLOW_ALL"));
        EgressFilterType converted = "DROP_ALL";
        Assert.Same(EgressFilterType.DROP_ALL, converted);
    }

    [Fact]
    public void Members_have_aws_sdk_v4_types_and_collections_start_null()
    {
        Assert.Equal(typeof(long?), typeof(ResourceMetadata).GetProperty(nameof(ResourceMetadata.Version))!.PropertyType);
        Assert.Equal(typeof(DateTime?), typeof(ResourceMetadata).GetProperty(nameof(ResourceMetadata.CreatedAt))!.PropertyType);
        Assert.Equal(typeof(int?), typeof(PortMapping).GetProperty(nameof(PortMapping.Port))!.PropertyType);
        Assert.Equal(typeof(List<string>), typeof(HttpRetryPolicy).GetProperty(nameof(HttpRetryPolicy.HttpRetryEvents))!.PropertyType);
        Assert.Equal(typeof(List<MeshRef>), typeof(ListMeshesResponse).GetProperty(nameof(ListMeshesResponse.Meshes))!.PropertyType);
        Assert.Null(new CreateMeshRequest().Tags);
        Assert.Null(new ListMeshesResponse().Meshes);
    }

    [Fact]
    public void Every_list_operation_with_a_next_token_has_a_paginator()
    {
        var factory = typeof(IAppMeshPaginatorFactory);
        string[] paged =
        [
            "ListGatewayRoutes", "ListMeshes", "ListRoutes", "ListTagsForResource", "ListVirtualGateways", "ListVirtualNodes",
            "ListVirtualRouters", "ListVirtualServices",
        ];
        Assert.Equal(paged, factory.GetMethods().Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.NotNull(typeof(IListMeshesPaginator).GetProperty("Meshes"));
        Assert.NotNull(typeof(IListTagsForResourcePaginator).GetProperty("Tags"));
    }
}
