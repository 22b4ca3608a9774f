using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.AppMesh.Model;

namespace CloudMesh.Sdk.Tests.AppMesh;

/// <summary>
/// One resource of every kind in a mesh, created through the SDK in dependency order: a virtual node, a router with a
/// route to the node, a service provided by the router, and a gateway with a gateway route to the service.
/// </summary>
public sealed class SampleMesh(IAmazonAppMesh client, string meshName)
{
    public const string Node = "vn";
    public const string Router = "vr";
    public const string Route = "r";
    public const string Service = "svc.local";
    public const string Gateway = "gw";
    public const string GatewayRoute = "gr";

    public string MeshName => meshName;

    public static VirtualNodeSpec NodeSpec(int port = 8080) => new()
    {
        Listeners = [new Listener { PortMapping = new PortMapping { Port = port, Protocol = PortProtocol.Http } }],
        ServiceDiscovery = new ServiceDiscovery { Dns = new DnsServiceDiscovery { Hostname = "vn.local" } },
    };

    public static VirtualRouterSpec RouterSpec(int port = 8080) => new()
    {
        Listeners = [new VirtualRouterListener { PortMapping = new PortMapping { Port = port, Protocol = PortProtocol.Http } }],
    };

    public static RouteSpec RouteSpec(string prefix = "/") => new()
    {
        HttpRoute = new HttpRoute
        {
            Match = new HttpRouteMatch { Prefix = prefix },
            Action = new HttpRouteAction { WeightedTargets = [new WeightedTarget { VirtualNode = Node, Weight = 1 }] },
        },
    };

    public static VirtualServiceSpec ServiceByRouter() => new()
    {
        Provider = new VirtualServiceProvider { VirtualRouter = new VirtualRouterServiceProvider { VirtualRouterName = Router } },
    };

    public static VirtualServiceSpec ServiceByNode() => new()
    {
        Provider = new VirtualServiceProvider { VirtualNode = new VirtualNodeServiceProvider { VirtualNodeName = Node } },
    };

    public static VirtualGatewaySpec GatewaySpec(int port = 8443) => new()
    {
        Listeners = [new VirtualGatewayListener { PortMapping = new VirtualGatewayPortMapping { Port = port, Protocol = VirtualGatewayPortProtocol.Http } }],
    };

    public static GatewayRouteSpec GatewayRouteSpec(string prefix = "/") => new()
    {
        HttpRoute = new HttpGatewayRoute
        {
            Match = new HttpGatewayRouteMatch { Prefix = prefix },
            Action = new HttpGatewayRouteAction
            {
                Target = new GatewayRouteTarget { VirtualService = new GatewayRouteVirtualService { VirtualServiceName = Service } },
            },
        },
    };

    /// <summary>Creates the mesh and every resource in it.</summary>
    public async Task CreateAllAsync()
    {
        await client.CreateMeshAsync(new CreateMeshRequest { MeshName = meshName });
        await client.CreateVirtualNodeAsync(new CreateVirtualNodeRequest { MeshName = meshName, VirtualNodeName = Node, Spec = NodeSpec() });
        await client.CreateVirtualRouterAsync(new CreateVirtualRouterRequest { MeshName = meshName, VirtualRouterName = Router, Spec = RouterSpec() });
        await client.CreateRouteAsync(new CreateRouteRequest { MeshName = meshName, VirtualRouterName = Router, RouteName = Route, Spec = RouteSpec() });
        await client.CreateVirtualServiceAsync(new CreateVirtualServiceRequest { MeshName = meshName, VirtualServiceName = Service, Spec = ServiceByRouter() });
        await client.CreateVirtualGatewayAsync(new CreateVirtualGatewayRequest { MeshName = meshName, VirtualGatewayName = Gateway, Spec = GatewaySpec() });
        await client.CreateGatewayRouteAsync(new CreateGatewayRouteRequest
        {
            MeshName = meshName, VirtualGatewayName = Gateway, GatewayRouteName = GatewayRoute, Spec = GatewayRouteSpec(),
        });
    }
}
