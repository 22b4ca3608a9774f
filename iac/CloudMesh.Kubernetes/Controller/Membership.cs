using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Webhook;

namespace CloudMesh.Kubernetes.Controller;

/// <summary>
/// The memberships the App Mesh controller's webhooks designate (<c>designateMeshMembership</c>,
/// <c>designateVirtualGatewayMembership</c>), shared by the controller (objects created without them) and the custom
/// resource mutating webhook (which writes them at creation, as App Mesh's did).
/// </summary>
public static class Membership
{
    /// <summary>The Meshes whose namespaceSelector selects namespace <paramref name="ns"/>, by name.</summary>
    public static List<JsonObject> MeshesSelecting(IAppMeshObjectSource source, string ns)
    {
        ArgumentNullException.ThrowIfNull(source);
        var labels = source.NamespaceLabels(ns);
        return source.Items(AppMeshCustomResource.Mesh)
            .Where(m => LabelSelector.Matches(m["spec"]?["namespaceSelector"], labels))
            .OrderBy(KubernetesObjects.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The <c>meshRef</c> for an object in <paramref name="ns"/>, or why there is none (no mesh, or several).</summary>
    public static (JsonObject? MeshRef, string? Error) MeshRef(IAppMeshObjectSource source, string ns)
    {
        var meshes = MeshesSelecting(source, ns);
        if (meshes.Count != 1)
        {
            return (null, $"failed to find matching mesh for namespace {ns}: expecting 1 but found {meshes.Count}");
        }

        return (new JsonObject
        {
            ["name"] = KubernetesObjects.Name(meshes[0]),
            ["uid"] = KubernetesObjects.String(meshes[0]["metadata"]?["uid"]),
        }, null);
    }

    /// <summary>
    /// The <c>virtualGatewayRef</c> for a gateway route: the one VirtualGateway whose namespaceSelector selects its
    /// namespace and whose gatewayRouteSelector, when set, selects its labels; or why there is none.
    /// </summary>
    public static (JsonObject? GatewayRef, string? Error) VirtualGatewayRef(IAppMeshObjectSource source, JsonObject gatewayRoute, string ns)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(gatewayRoute);
        var labels = source.NamespaceLabels(ns);
        var routeLabels = KubernetesObjects.Labels(gatewayRoute);
        var gateways = source.Items(AppMeshCustomResource.VirtualGateway)
            .Where(g => LabelSelector.Matches(g["spec"]?["namespaceSelector"], labels)
                        && (g["spec"]?["gatewayRouteSelector"] is not { } selector || LabelSelector.Matches(selector, routeLabels)))
            .ToList();
        if (gateways.Count != 1)
        {
            return (null, $"failed to find matching virtualGateway for gatewayRoute {ns}/{KubernetesObjects.Name(gatewayRoute)}: expecting 1 but found {gateways.Count}");
        }

        return (new JsonObject
        {
            ["name"] = KubernetesObjects.Name(gateways[0]),
            ["namespace"] = KubernetesObjects.Namespace(gateways[0]),
            ["uid"] = KubernetesObjects.String(gateways[0]["metadata"]?["uid"]),
        }, null);
    }
}
