using CloudMesh.Api.Core.Resources;
using CloudMesh.Kubernetes.Client;

namespace CloudMesh.Kubernetes.Controller;

/// <summary>
/// One of the App Mesh controller's <c>appmesh.k8s.aws/v1beta2</c> kinds, with what the controller writes back: the
/// condition type (<c>VirtualNodeActive</c>), the status member holding the ARN (<c>virtualNodeARN</c>, as in the App
/// Mesh controller's v1beta2 types) and the finalizers it keeps.
/// </summary>
/// <param name="Type">Where the objects live in the API.</param>
/// <param name="Kind">The App Mesh kind it declares.</param>
/// <param name="ArnStatusMember">The status member for the ARN.</param>
public sealed record AppMeshCustomResource(KubernetesResourceType Type, ResourceKind Kind, string ArnStatusMember)
{
    /// <summary>The App Mesh controller's API group.</summary>
    public const string Group = "appmesh.k8s.aws";

    /// <summary>The App Mesh controller's API version.</summary>
    public const string Version = "v1beta2";

    /// <summary>Held by every object while its App Mesh resource exists (the App Mesh controller's name).</summary>
    public const string AwsResourcesFinalizer = "finalizers.appmesh.k8s.aws/aws-appmesh-resources";

    /// <summary>Held by a Mesh while other objects still belong to it (the App Mesh controller's name).</summary>
    public const string MeshMembersFinalizer = "finalizers.appmesh.k8s.aws/mesh-members";

    /// <summary>Mesh (cluster-scoped).</summary>
    public static readonly AppMeshCustomResource Mesh = Of("meshes", "Mesh", false, ResourceKinds.Mesh, "meshARN");

    /// <summary>VirtualNode.</summary>
    public static readonly AppMeshCustomResource VirtualNode = Of("virtualnodes", "VirtualNode", true, ResourceKinds.VirtualNode, "virtualNodeARN");

    /// <summary>VirtualService.</summary>
    public static readonly AppMeshCustomResource VirtualService = Of("virtualservices", "VirtualService", true, ResourceKinds.VirtualService, "virtualServiceARN");

    /// <summary>VirtualRouter (its routes are embedded; their ARNs go to <c>status.routeARNs</c>).</summary>
    public static readonly AppMeshCustomResource VirtualRouter = Of("virtualrouters", "VirtualRouter", true, ResourceKinds.VirtualRouter, "virtualRouterARN");

    /// <summary>VirtualGateway.</summary>
    public static readonly AppMeshCustomResource VirtualGateway = Of("virtualgateways", "VirtualGateway", true, ResourceKinds.VirtualGateway, "virtualGatewayARN");

    /// <summary>GatewayRoute.</summary>
    public static readonly AppMeshCustomResource GatewayRoute = Of("gatewayroutes", "GatewayRoute", true, ResourceKinds.GatewayRoute, "gatewayRouteARN");

    /// <summary>All six, in dependency order (a kind only refers to kinds before it, but for VirtualNode backends).</summary>
    public static readonly IReadOnlyList<AppMeshCustomResource> All = [Mesh, VirtualNode, VirtualRouter, VirtualService, VirtualGateway, GatewayRoute];

    /// <summary>The kind's condition type: <c>MeshActive</c>, <c>VirtualNodeActive</c>...</summary>
    public string ConditionType => Type.Kind + "Active";

    /// <summary>The finalizers the controller adds to every object of this kind.</summary>
    public IReadOnlyList<string> Finalizers => Kind.IsMesh ? [MeshMembersFinalizer, AwsResourcesFinalizer] : [AwsResourcesFinalizer];

    /// <summary>The kind with this Kubernetes kind name, if any.</summary>
    public static AppMeshCustomResource? Find(string kind) => All.FirstOrDefault(k => k.Type.Kind == kind);

    private static AppMeshCustomResource Of(string plural, string kind, bool namespaced, ResourceKind appMeshKind, string arnMember) =>
        new(new KubernetesResourceType(Group, Version, plural, kind, namespaced), appMeshKind, arnMember);
}
