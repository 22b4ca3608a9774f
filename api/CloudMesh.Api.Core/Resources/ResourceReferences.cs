using System.Text.Json.Nodes;

namespace CloudMesh.Api.Core.Resources;

/// <summary>
/// Extracts the references a resource's spec makes to other resources of the same mesh, as App Mesh enforces them:
/// a virtual service's provider (node or router), a route's weighted targets (nodes) and a gateway route's target
/// (a virtual service). Virtual node backends are deliberately not references: App Mesh does not validate them,
/// "to prevent a cyclic dependency between virtual nodes and virtual services creation".
/// </summary>
public static class ResourceReferences
{
    private static readonly string[] RouteTypes = ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"];

    /// <summary>Returns the distinct references of <paramref name="spec"/>, each with the spec path that makes it.</summary>
    public static IReadOnlyList<ResourceReference> Extract(ResourceKind kind, JsonObject? spec)
    {
        if (spec is null)
        {
            return [];
        }

        var found = new List<ResourceReference>();
        if (kind == ResourceKinds.VirtualService && spec["provider"] is JsonObject provider)
        {
            AddName(found, ResourceKinds.VirtualNode, provider["virtualNode"]?["virtualNodeName"], "spec.provider.virtualNode.virtualNodeName");
            AddName(found, ResourceKinds.VirtualRouter, provider["virtualRouter"]?["virtualRouterName"], "spec.provider.virtualRouter.virtualRouterName");
        }
        else if (kind == ResourceKinds.Route)
        {
            foreach (var routeType in RouteTypes)
            {
                if (spec[routeType]?["action"]?["weightedTargets"] is JsonArray targets)
                {
                    for (var i = 0; i < targets.Count; i++)
                    {
                        AddName(found, ResourceKinds.VirtualNode, targets[i]?["virtualNode"], $"spec.{routeType}.action.weightedTargets[{i}].virtualNode");
                    }
                }
            }
        }
        else if (kind == ResourceKinds.GatewayRoute)
        {
            foreach (var routeType in RouteTypes)
            {
                AddName(found, ResourceKinds.VirtualService,
                    spec[routeType]?["action"]?["target"]?["virtualService"]?["virtualServiceName"],
                    $"spec.{routeType}.action.target.virtualService.virtualServiceName");
            }
        }

        return found;
    }

    private static void AddName(List<ResourceReference> found, ResourceKind kind, JsonNode? node, string path)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var name) && name.Length > 0
            && !found.Exists(r => r.Kind == kind && r.Name == name))
        {
            found.Add(new ResourceReference(kind, name, path));
        }
    }
}

/// <summary>A reference from a spec to another resource of the same mesh.</summary>
/// <param name="Kind">The referenced kind.</param>
/// <param name="Name">The referenced resource's name.</param>
/// <param name="Path">The member path in the request that makes the reference (for error messages).</param>
public sealed record ResourceReference(ResourceKind Kind, string Name, string Path)
{
    /// <summary>The compact form stored with the referring resource, e.g. <c>virtualNode/web</c>.</summary>
    public string StorageKey => StorageKeyOf(Kind, Name);

    /// <summary>The compact form of a reference to <paramref name="name"/> of <paramref name="kind"/>.</summary>
    public static string StorageKeyOf(ResourceKind kind, string name) => $"{kind.Name}/{name}";
}
