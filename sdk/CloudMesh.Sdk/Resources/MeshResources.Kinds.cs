using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.AppMesh.Model;

namespace CloudMesh.Sdk.Resources;

/// <summary>The per-kind half of <see cref="MeshResources"/>: one typed SDK call per kind and verb.</summary>
public sealed partial class MeshResources
{
    private async Task<(IEnumerable<JsonObject> Items, string? NextToken)> ListPageAsync(ResourceKind kind, string mesh, string parent, string? next, CancellationToken ct)
    {
        switch (kind.Name)
        {
            case "mesh":
                var meshes = await client.ListMeshesAsync(new ListMeshesRequest { Limit = PageSize, NextToken = next }, ct);
                return (Json(meshes.Meshes), meshes.NextToken);
            case "virtualNode":
                var nodes = await client.ListVirtualNodesAsync(new ListVirtualNodesRequest { MeshName = mesh, Limit = PageSize, NextToken = next }, ct);
                return (Json(nodes.VirtualNodes), nodes.NextToken);
            case "virtualService":
                var services = await client.ListVirtualServicesAsync(new ListVirtualServicesRequest { MeshName = mesh, Limit = PageSize, NextToken = next }, ct);
                return (Json(services.VirtualServices), services.NextToken);
            case "virtualRouter":
                var routers = await client.ListVirtualRoutersAsync(new ListVirtualRoutersRequest { MeshName = mesh, Limit = PageSize, NextToken = next }, ct);
                return (Json(routers.VirtualRouters), routers.NextToken);
            case "route":
                var routes = await client.ListRoutesAsync(new ListRoutesRequest { MeshName = mesh, VirtualRouterName = parent, Limit = PageSize, NextToken = next }, ct);
                return (Json(routes.Routes), routes.NextToken);
            case "virtualGateway":
                var gateways = await client.ListVirtualGatewaysAsync(new ListVirtualGatewaysRequest { MeshName = mesh, Limit = PageSize, NextToken = next }, ct);
                return (Json(gateways.VirtualGateways), gateways.NextToken);
            case "gatewayRoute":
                var gatewayRoutes = await client.ListGatewayRoutesAsync(new ListGatewayRoutesRequest { MeshName = mesh, VirtualGatewayName = parent, Limit = PageSize, NextToken = next }, ct);
                return (Json(gatewayRoutes.GatewayRoutes), gatewayRoutes.NextToken);
            default:
                throw Unknown(kind);
        }
    }

    private async Task<JsonObject> DescribeDataAsync(ResourceKey key, string? owner, CancellationToken ct) => key.Kind.Name switch
    {
        "mesh" => Data((await client.DescribeMeshAsync(new DescribeMeshRequest { MeshName = key.MeshName }, ct)).Mesh),
        "virtualNode" => Data((await client.DescribeVirtualNodeAsync(new DescribeVirtualNodeRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualNodeName = key.Name }, ct)).VirtualNode),
        "virtualService" => Data((await client.DescribeVirtualServiceAsync(new DescribeVirtualServiceRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualServiceName = key.Name }, ct)).VirtualService),
        "virtualRouter" => Data((await client.DescribeVirtualRouterAsync(new DescribeVirtualRouterRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualRouterName = key.Name }, ct)).VirtualRouter),
        "route" => Data((await client.DescribeRouteAsync(new DescribeRouteRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualRouterName = key.ParentName, RouteName = key.Name }, ct)).Route),
        "virtualGateway" => Data((await client.DescribeVirtualGatewayAsync(new DescribeVirtualGatewayRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualGatewayName = key.Name }, ct)).VirtualGateway),
        "gatewayRoute" => Data((await client.DescribeGatewayRouteAsync(new DescribeGatewayRouteRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualGatewayName = key.ParentName, GatewayRouteName = key.Name }, ct)).GatewayRoute),
        _ => throw Unknown(key.Kind),
    };

    private async Task<JsonObject> CreateDataAsync(ResourceKey key, JsonObject spec, List<TagRef>? tags, string? owner, CancellationToken ct) => key.Kind.Name switch
    {
        "mesh" => Data((await client.CreateMeshAsync(new CreateMeshRequest { MeshName = key.MeshName, Spec = AppMeshJson.Deserialize<MeshSpec>(spec), Tags = tags }, ct)).Mesh),
        "virtualNode" => Data((await client.CreateVirtualNodeAsync(new CreateVirtualNodeRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualNodeName = key.Name, Spec = AppMeshJson.Deserialize<VirtualNodeSpec>(spec), Tags = tags }, ct)).VirtualNode),
        "virtualService" => Data((await client.CreateVirtualServiceAsync(new CreateVirtualServiceRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualServiceName = key.Name, Spec = AppMeshJson.Deserialize<VirtualServiceSpec>(spec), Tags = tags }, ct)).VirtualService),
        "virtualRouter" => Data((await client.CreateVirtualRouterAsync(new CreateVirtualRouterRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualRouterName = key.Name, Spec = AppMeshJson.Deserialize<VirtualRouterSpec>(spec), Tags = tags }, ct)).VirtualRouter),
        "route" => Data((await client.CreateRouteAsync(new CreateRouteRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualRouterName = key.ParentName, RouteName = key.Name, Spec = AppMeshJson.Deserialize<RouteSpec>(spec), Tags = tags }, ct)).Route),
        "virtualGateway" => Data((await client.CreateVirtualGatewayAsync(new CreateVirtualGatewayRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualGatewayName = key.Name, Spec = AppMeshJson.Deserialize<VirtualGatewaySpec>(spec), Tags = tags }, ct)).VirtualGateway),
        "gatewayRoute" => Data((await client.CreateGatewayRouteAsync(new CreateGatewayRouteRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualGatewayName = key.ParentName, GatewayRouteName = key.Name, Spec = AppMeshJson.Deserialize<GatewayRouteSpec>(spec), Tags = tags }, ct)).GatewayRoute),
        _ => throw Unknown(key.Kind),
    };

    private async Task<JsonObject> UpdateDataAsync(ResourceKey key, JsonObject spec, string? owner, CancellationToken ct) => key.Kind.Name switch
    {
        "mesh" => Data((await client.UpdateMeshAsync(new UpdateMeshRequest { MeshName = key.MeshName, Spec = AppMeshJson.Deserialize<MeshSpec>(spec) }, ct)).Mesh),
        "virtualNode" => Data((await client.UpdateVirtualNodeAsync(new UpdateVirtualNodeRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualNodeName = key.Name, Spec = AppMeshJson.Deserialize<VirtualNodeSpec>(spec) }, ct)).VirtualNode),
        "virtualService" => Data((await client.UpdateVirtualServiceAsync(new UpdateVirtualServiceRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualServiceName = key.Name, Spec = AppMeshJson.Deserialize<VirtualServiceSpec>(spec) }, ct)).VirtualService),
        "virtualRouter" => Data((await client.UpdateVirtualRouterAsync(new UpdateVirtualRouterRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualRouterName = key.Name, Spec = AppMeshJson.Deserialize<VirtualRouterSpec>(spec) }, ct)).VirtualRouter),
        "route" => Data((await client.UpdateRouteAsync(new UpdateRouteRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualRouterName = key.ParentName, RouteName = key.Name, Spec = AppMeshJson.Deserialize<RouteSpec>(spec) }, ct)).Route),
        "virtualGateway" => Data((await client.UpdateVirtualGatewayAsync(new UpdateVirtualGatewayRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualGatewayName = key.Name, Spec = AppMeshJson.Deserialize<VirtualGatewaySpec>(spec) }, ct)).VirtualGateway),
        "gatewayRoute" => Data((await client.UpdateGatewayRouteAsync(new UpdateGatewayRouteRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualGatewayName = key.ParentName, GatewayRouteName = key.Name, Spec = AppMeshJson.Deserialize<GatewayRouteSpec>(spec) }, ct)).GatewayRoute),
        _ => throw Unknown(key.Kind),
    };

    private async Task DeleteDataAsync(ResourceKey key, string? owner, CancellationToken ct)
    {
        switch (key.Kind.Name)
        {
            case "mesh": await client.DeleteMeshAsync(new DeleteMeshRequest { MeshName = key.MeshName }, ct); break;
            case "virtualNode": await client.DeleteVirtualNodeAsync(new DeleteVirtualNodeRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualNodeName = key.Name }, ct); break;
            case "virtualService": await client.DeleteVirtualServiceAsync(new DeleteVirtualServiceRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualServiceName = key.Name }, ct); break;
            case "virtualRouter": await client.DeleteVirtualRouterAsync(new DeleteVirtualRouterRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualRouterName = key.Name }, ct); break;
            case "route": await client.DeleteRouteAsync(new DeleteRouteRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualRouterName = key.ParentName, RouteName = key.Name }, ct); break;
            case "virtualGateway": await client.DeleteVirtualGatewayAsync(new DeleteVirtualGatewayRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualGatewayName = key.Name }, ct); break;
            case "gatewayRoute": await client.DeleteGatewayRouteAsync(new DeleteGatewayRouteRequest { MeshName = key.MeshName, MeshOwner = owner, VirtualGatewayName = key.ParentName, GatewayRouteName = key.Name }, ct); break;
            default: throw Unknown(key.Kind);
        }
    }

    private static IEnumerable<JsonObject> Json<T>(IEnumerable<T>? items) where T : class => items?.Select(i => AppMeshJson.Serialize(i)) ?? [];

    /// <summary>A resource's data document; the API always returns one on success, so its absence is a protocol error.</summary>
    private static JsonObject Data<T>(T? data) where T : class =>
        AppMeshJson.Serialize(data ?? throw new InvalidOperationException($"The API's answer lacks its {typeof(T).Name}."));

    private static InvalidOperationException Unknown(ResourceKind kind) => new($"No App Mesh operations for kind {kind.Name}.");
}
