using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Api.Core.Tenancy;

/// <summary>
/// Per-tenant resource quotas. Defaults are App Mesh's default service quotas; an operator may raise or lower them
/// per tenant through the admin API.
/// </summary>
public sealed record TenantQuotas
{
    /// <summary>App Mesh's defaults.</summary>
    public static readonly TenantQuotas Default = new();

    /// <summary>Meshes per account (App Mesh default 15).</summary>
    public int Meshes { get; init; } = 15;
    /// <summary>Virtual nodes per mesh (500).</summary>
    public int VirtualNodesPerMesh { get; init; } = 500;
    /// <summary>Virtual routers per mesh (200).</summary>
    public int VirtualRoutersPerMesh { get; init; } = 200;
    /// <summary>Routes per virtual router (50).</summary>
    public int RoutesPerVirtualRouter { get; init; } = 50;
    /// <summary>Virtual services per mesh (500).</summary>
    public int VirtualServicesPerMesh { get; init; } = 500;
    /// <summary>Virtual gateways per mesh (50).</summary>
    public int VirtualGatewaysPerMesh { get; init; } = 50;
    /// <summary>Gateway routes per virtual gateway (50).</summary>
    public int GatewayRoutesPerVirtualGateway { get; init; } = 50;

    /// <summary>The quota that bounds how many resources of <paramref name="kind"/> may exist in their container.</summary>
    public int LimitFor(ResourceKind kind) => kind.Name switch
    {
        "mesh" => Meshes,
        "virtualNode" => VirtualNodesPerMesh,
        "virtualRouter" => VirtualRoutersPerMesh,
        "route" => RoutesPerVirtualRouter,
        "virtualService" => VirtualServicesPerMesh,
        "virtualGateway" => VirtualGatewaysPerMesh,
        "gatewayRoute" => GatewayRoutesPerVirtualGateway,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind.Name, "Unknown resource kind."),
    };

    /// <summary>Describes the quota for error messages, e.g. "virtual nodes per mesh".</summary>
    public static string DescribeLimit(ResourceKind kind) => kind.Name switch
    {
        "mesh" => "meshes per account",
        "route" => "routes per virtual router",
        "gatewayRoute" => "gateway routes per virtual gateway",
        _ => $"{Humanize(kind)}s per mesh",
    };

    private static string Humanize(ResourceKind kind) => kind.Name switch
    {
        "virtualNode" => "virtual node",
        "virtualRouter" => "virtual router",
        "virtualService" => "virtual service",
        "virtualGateway" => "virtual gateway",
        _ => kind.Name,
    };
}
