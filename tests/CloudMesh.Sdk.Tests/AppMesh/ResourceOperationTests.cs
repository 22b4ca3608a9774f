using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.AppMesh.Model;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Sdk.Tests.AppMesh;

/// <summary>
/// Create, describe, update, list and delete for every resource kind inside a mesh, through the SDK against the real
/// server: each result is typed (metadata, status, spec as sent).
/// </summary>
[Collection(SdkApiCollection.Name)]
public sealed class ResourceOperationTests(CloudMeshApiFixture api)
{
    private const string Mesh = "shop";

    [Fact]
    public async Task Virtual_node_operations()
    {
        var (client, tenant) = await NewMeshAsync();
        using var _ = client;

        var created = (await client.CreateVirtualNodeAsync(new CreateVirtualNodeRequest
        {
            MeshName = Mesh, VirtualNodeName = "vn", Spec = SampleMesh.NodeSpec(),
        })).VirtualNode!;
        AssertNew(created.Metadata!, tenant, $"mesh/{Mesh}/virtualNode/vn");
        Assert.Equal(VirtualNodeStatusCode.ACTIVE, created.Status!.Status);
        Assert.Equal(8080, created.Spec!.Listeners![0].PortMapping!.Port);
        Assert.Equal(PortProtocol.Http, created.Spec.Listeners[0].PortMapping!.Protocol);
        Assert.Equal("vn.local", created.Spec.ServiceDiscovery!.Dns!.Hostname);

        var described = (await client.DescribeVirtualNodeAsync(new DescribeVirtualNodeRequest { MeshName = Mesh, VirtualNodeName = "vn" })).VirtualNode!;
        Assert.Equal(created.Metadata!.Uid, described.Metadata!.Uid);

        var updated = (await client.UpdateVirtualNodeAsync(new UpdateVirtualNodeRequest
        {
            MeshName = Mesh, VirtualNodeName = "vn", Spec = SampleMesh.NodeSpec(9090),
        })).VirtualNode!;
        Assert.Equal(2L, updated.Metadata!.Version);
        Assert.Equal(9090, updated.Spec!.Listeners![0].PortMapping!.Port);

        var listed = Assert.Single((await client.ListVirtualNodesAsync(new ListVirtualNodesRequest { MeshName = Mesh })).VirtualNodes!);
        Assert.Equal("vn", listed.VirtualNodeName);
        Assert.Equal(Mesh, listed.MeshName);

        var deleted = (await client.DeleteVirtualNodeAsync(new DeleteVirtualNodeRequest { MeshName = Mesh, VirtualNodeName = "vn" })).VirtualNode!;
        Assert.Equal(VirtualNodeStatusCode.DELETED, deleted.Status!.Status);
        Assert.Empty((await client.ListVirtualNodesAsync(new ListVirtualNodesRequest { MeshName = Mesh })).VirtualNodes!);
    }

    [Fact]
    public async Task Virtual_router_and_route_operations()
    {
        var (client, tenant) = await NewMeshAsync();
        using var _ = client;
        await client.CreateVirtualNodeAsync(new CreateVirtualNodeRequest { MeshName = Mesh, VirtualNodeName = "vn", Spec = SampleMesh.NodeSpec() });

        var router = (await client.CreateVirtualRouterAsync(new CreateVirtualRouterRequest
        {
            MeshName = Mesh, VirtualRouterName = "vr", Spec = SampleMesh.RouterSpec(),
        })).VirtualRouter!;
        AssertNew(router.Metadata!, tenant, $"mesh/{Mesh}/virtualRouter/vr");
        Assert.Equal(VirtualRouterStatusCode.ACTIVE, router.Status!.Status);
        Assert.Equal(router.Metadata!.Uid, (await client.DescribeVirtualRouterAsync(new DescribeVirtualRouterRequest
        {
            MeshName = Mesh, VirtualRouterName = "vr",
        })).VirtualRouter!.Metadata!.Uid);
        var updatedRouter = (await client.UpdateVirtualRouterAsync(new UpdateVirtualRouterRequest
        {
            MeshName = Mesh, VirtualRouterName = "vr", Spec = SampleMesh.RouterSpec(8081),
        })).VirtualRouter!;
        Assert.Equal(8081, updatedRouter.Spec!.Listeners![0].PortMapping!.Port);
        Assert.Equal("vr", Assert.Single((await client.ListVirtualRoutersAsync(new ListVirtualRoutersRequest { MeshName = Mesh })).VirtualRouters!).VirtualRouterName);

        var route = (await client.CreateRouteAsync(new CreateRouteRequest
        {
            MeshName = Mesh, VirtualRouterName = "vr", RouteName = "r", Spec = SampleMesh.RouteSpec(),
        })).Route!;
        AssertNew(route.Metadata!, tenant, $"mesh/{Mesh}/virtualRouter/vr/route/r");
        Assert.Equal("vr", route.VirtualRouterName);
        Assert.Equal(RouteStatusCode.ACTIVE, route.Status!.Status);
        Assert.Equal("vn", route.Spec!.HttpRoute!.Action!.WeightedTargets![0].VirtualNode);
        Assert.Equal(1, route.Spec.HttpRoute.Action.WeightedTargets[0].Weight);
        Assert.Equal("/", (await client.DescribeRouteAsync(new DescribeRouteRequest
        {
            MeshName = Mesh, VirtualRouterName = "vr", RouteName = "r",
        })).Route!.Spec!.HttpRoute!.Match!.Prefix);
        var updatedRoute = (await client.UpdateRouteAsync(new UpdateRouteRequest
        {
            MeshName = Mesh, VirtualRouterName = "vr", RouteName = "r", Spec = SampleMesh.RouteSpec("/v2"),
        })).Route!;
        Assert.Equal("/v2", updatedRoute.Spec!.HttpRoute!.Match!.Prefix);
        Assert.Equal(2L, updatedRoute.Metadata!.Version);
        var listedRoute = Assert.Single((await client.ListRoutesAsync(new ListRoutesRequest { MeshName = Mesh, VirtualRouterName = "vr" })).Routes!);
        Assert.Equal("r", listedRoute.RouteName);
        Assert.Equal("vr", listedRoute.VirtualRouterName);

        Assert.Equal(RouteStatusCode.DELETED, (await client.DeleteRouteAsync(new DeleteRouteRequest
        {
            MeshName = Mesh, VirtualRouterName = "vr", RouteName = "r",
        })).Route!.Status!.Status);
        Assert.Equal(VirtualRouterStatusCode.DELETED, (await client.DeleteVirtualRouterAsync(new DeleteVirtualRouterRequest
        {
            MeshName = Mesh, VirtualRouterName = "vr",
        })).VirtualRouter!.Status!.Status);
    }

    [Fact]
    public async Task Virtual_service_operations()
    {
        var (client, tenant) = await NewMeshAsync();
        using var _ = client;
        await client.CreateVirtualNodeAsync(new CreateVirtualNodeRequest { MeshName = Mesh, VirtualNodeName = "vn", Spec = SampleMesh.NodeSpec() });
        await client.CreateVirtualRouterAsync(new CreateVirtualRouterRequest { MeshName = Mesh, VirtualRouterName = "vr", Spec = SampleMesh.RouterSpec() });

        var service = (await client.CreateVirtualServiceAsync(new CreateVirtualServiceRequest
        {
            MeshName = Mesh, VirtualServiceName = "svc.local", Spec = SampleMesh.ServiceByRouter(),
        })).VirtualService!;
        AssertNew(service.Metadata!, tenant, $"mesh/{Mesh}/virtualService/svc.local");
        Assert.Equal(VirtualServiceStatusCode.ACTIVE, service.Status!.Status);
        Assert.Equal("vr", service.Spec!.Provider!.VirtualRouter!.VirtualRouterName);
        Assert.Equal(service.Metadata!.Uid, (await client.DescribeVirtualServiceAsync(new DescribeVirtualServiceRequest
        {
            MeshName = Mesh, VirtualServiceName = "svc.local",
        })).VirtualService!.Metadata!.Uid);

        var updated = (await client.UpdateVirtualServiceAsync(new UpdateVirtualServiceRequest
        {
            MeshName = Mesh, VirtualServiceName = "svc.local", Spec = SampleMesh.ServiceByNode(),
        })).VirtualService!;
        Assert.Equal("vn", updated.Spec!.Provider!.VirtualNode!.VirtualNodeName);
        Assert.Null(updated.Spec.Provider.VirtualRouter);
        Assert.Equal("svc.local", Assert.Single((await client.ListVirtualServicesAsync(new ListVirtualServicesRequest
        {
            MeshName = Mesh,
        })).VirtualServices!).VirtualServiceName);

        Assert.Equal(VirtualServiceStatusCode.DELETED, (await client.DeleteVirtualServiceAsync(new DeleteVirtualServiceRequest
        {
            MeshName = Mesh, VirtualServiceName = "svc.local",
        })).VirtualService!.Status!.Status);
    }

    [Fact]
    public async Task Virtual_gateway_and_gateway_route_operations()
    {
        var (client, tenant) = await NewMeshAsync();
        using var _ = client;
        await client.CreateVirtualNodeAsync(new CreateVirtualNodeRequest { MeshName = Mesh, VirtualNodeName = "vn", Spec = SampleMesh.NodeSpec() });
        await client.CreateVirtualServiceAsync(new CreateVirtualServiceRequest { MeshName = Mesh, VirtualServiceName = "svc.local", Spec = SampleMesh.ServiceByNode() });

        var gateway = (await client.CreateVirtualGatewayAsync(new CreateVirtualGatewayRequest
        {
            MeshName = Mesh, VirtualGatewayName = "gw", Spec = SampleMesh.GatewaySpec(),
        })).VirtualGateway!;
        AssertNew(gateway.Metadata!, tenant, $"mesh/{Mesh}/virtualGateway/gw");
        Assert.Equal(VirtualGatewayStatusCode.ACTIVE, gateway.Status!.Status);
        Assert.Equal(VirtualGatewayPortProtocol.Http, gateway.Spec!.Listeners![0].PortMapping!.Protocol);
        Assert.Equal(gateway.Metadata!.Uid, (await client.DescribeVirtualGatewayAsync(new DescribeVirtualGatewayRequest
        {
            MeshName = Mesh, VirtualGatewayName = "gw",
        })).VirtualGateway!.Metadata!.Uid);
        Assert.Equal(9443, (await client.UpdateVirtualGatewayAsync(new UpdateVirtualGatewayRequest
        {
            MeshName = Mesh, VirtualGatewayName = "gw", Spec = SampleMesh.GatewaySpec(9443),
        })).VirtualGateway!.Spec!.Listeners![0].PortMapping!.Port);
        Assert.Equal("gw", Assert.Single((await client.ListVirtualGatewaysAsync(new ListVirtualGatewaysRequest
        {
            MeshName = Mesh,
        })).VirtualGateways!).VirtualGatewayName);

        var route = (await client.CreateGatewayRouteAsync(new CreateGatewayRouteRequest
        {
            MeshName = Mesh, VirtualGatewayName = "gw", GatewayRouteName = "gr", Spec = SampleMesh.GatewayRouteSpec(),
        })).GatewayRoute!;
        AssertNew(route.Metadata!, tenant, $"mesh/{Mesh}/virtualGateway/gw/gatewayRoute/gr");
        Assert.Equal(GatewayRouteStatusCode.ACTIVE, route.Status!.Status);
        Assert.Equal("svc.local", route.Spec!.HttpRoute!.Action!.Target!.VirtualService!.VirtualServiceName);
        Assert.Equal(route.Metadata!.Uid, (await client.DescribeGatewayRouteAsync(new DescribeGatewayRouteRequest
        {
            MeshName = Mesh, VirtualGatewayName = "gw", GatewayRouteName = "gr",
        })).GatewayRoute!.Metadata!.Uid);
        Assert.Equal("/api", (await client.UpdateGatewayRouteAsync(new UpdateGatewayRouteRequest
        {
            MeshName = Mesh, VirtualGatewayName = "gw", GatewayRouteName = "gr", Spec = SampleMesh.GatewayRouteSpec("/api"),
        })).GatewayRoute!.Spec!.HttpRoute!.Match!.Prefix);
        var listed = Assert.Single((await client.ListGatewayRoutesAsync(new ListGatewayRoutesRequest
        {
            MeshName = Mesh, VirtualGatewayName = "gw",
        })).GatewayRoutes!);
        Assert.Equal("gr", listed.GatewayRouteName);
        Assert.Equal("gw", listed.VirtualGatewayName);

        Assert.Equal(GatewayRouteStatusCode.DELETED, (await client.DeleteGatewayRouteAsync(new DeleteGatewayRouteRequest
        {
            MeshName = Mesh, VirtualGatewayName = "gw", GatewayRouteName = "gr",
        })).GatewayRoute!.Status!.Status);
        Assert.Equal(VirtualGatewayStatusCode.DELETED, (await client.DeleteVirtualGatewayAsync(new DeleteVirtualGatewayRequest
        {
            MeshName = Mesh, VirtualGatewayName = "gw",
        })).VirtualGateway!.Status!.Status);
    }

    private async Task<(AmazonAppMeshClient Client, TenantCredentials Tenant)> NewMeshAsync()
    {
        var (client, tenant) = await SdkClients.ForNewTenantAsync(api);
        await client.CreateMeshAsync(new CreateMeshRequest { MeshName = Mesh });
        return (client, tenant);
    }

    private static void AssertNew(ResourceMetadata metadata, TenantCredentials tenant, string resource)
    {
        Assert.Equal($"arn:aws:appmesh:us-east-1:{tenant.AccountId}:{resource}", metadata.Arn);
        Assert.Equal(1L, metadata.Version);
        Assert.Equal(tenant.AccountId, metadata.MeshOwner);
        Assert.Equal(tenant.AccountId, metadata.ResourceOwner);
        Assert.False(string.IsNullOrEmpty(metadata.Uid));
        Assert.NotNull(metadata.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, metadata.CreatedAt!.Value.Kind);
    }
}
