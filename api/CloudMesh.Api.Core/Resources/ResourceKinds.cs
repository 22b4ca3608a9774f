namespace CloudMesh.Api.Core.Resources;

/// <summary>The seven App Mesh resource kinds, and lookups by the names the wire format uses.</summary>
public static class ResourceKinds
{
    /// <summary>A service mesh.</summary>
    public static readonly ResourceKind Mesh = new("mesh", "Mesh", "Meshes", "meshName", "meshes", null);

    /// <summary>A virtual node.</summary>
    public static readonly ResourceKind VirtualNode = new("virtualNode", "VirtualNode", "VirtualNodes", "virtualNodeName", "virtualNodes", null);

    /// <summary>A virtual service.</summary>
    public static readonly ResourceKind VirtualService = new("virtualService", "VirtualService", "VirtualServices", "virtualServiceName", "virtualServices", null);

    /// <summary>A virtual router.</summary>
    public static readonly ResourceKind VirtualRouter = new("virtualRouter", "VirtualRouter", "VirtualRouters", "virtualRouterName", "virtualRouters", null);

    /// <summary>A route of a virtual router.</summary>
    public static readonly ResourceKind Route = new("route", "Route", "Routes", "routeName", "routes", VirtualRouter);

    /// <summary>A virtual gateway.</summary>
    public static readonly ResourceKind VirtualGateway = new("virtualGateway", "VirtualGateway", "VirtualGateways", "virtualGatewayName", "virtualGateways", null);

    /// <summary>A gateway route of a virtual gateway.</summary>
    public static readonly ResourceKind GatewayRoute = new("gatewayRoute", "GatewayRoute", "GatewayRoutes", "gatewayRouteName", "gatewayRoutes", VirtualGateway);

    /// <summary>All kinds, parents before children.</summary>
    public static readonly IReadOnlyList<ResourceKind> All =
        [Mesh, VirtualNode, VirtualService, VirtualRouter, Route, VirtualGateway, GatewayRoute];

    private static readonly Dictionary<string, ResourceKind> ByName = All.ToDictionary(k => k.Name, StringComparer.Ordinal);
    private static readonly Dictionary<string, ResourceKind> ByTypeName = All.ToDictionary(k => k.TypeName, StringComparer.Ordinal);
    private static readonly Dictionary<string, ResourceKind> ByPluralTypeName = All.ToDictionary(k => k.PluralTypeName, StringComparer.Ordinal);

    /// <summary>Finds a kind by its camel-case name (<c>virtualNode</c>).</summary>
    public static ResourceKind? FindByName(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Finds a kind by its Pascal-case singular or plural name (<c>VirtualNode</c>, <c>VirtualNodes</c>).</summary>
    public static ResourceKind? FindByTypeName(string typeName) =>
        ByTypeName.GetValueOrDefault(typeName) ?? ByPluralTypeName.GetValueOrDefault(typeName);
}
