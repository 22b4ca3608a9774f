using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Manifests.Kubernetes;

/// <summary>
/// Turns a custom resource's spec into the App Mesh spec in place, as the controller's <c>pkg/conversions</c> do:
/// the CRD mirrors the SDK shapes member for member, except for Kubernetes-only members (dropped), references
/// (resolved to names) and two <c>ARN</c> spellings the SDK writes <c>Arn</c>. Anything else left over is reported
/// by validation against the API shape, at the line the author wrote.
/// </summary>
internal sealed class KubernetesSpecConverter(KubernetesReferenceResolver resolver, SourceMap sourceMap)
{
    private static readonly string[] RouteTypes = ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"];
    private static readonly string[] GatewayRouteTypes = ["httpRoute", "http2Route", "grpcRoute"];

    // Members only the controller uses: naming, mesh and gateway membership, pod and namespace selection.
    private static readonly string[] CommonKubernetesOnly = ["awsName", "meshRef"];

    private static readonly Dictionary<ResourceKind, string[]> KubernetesOnly = new()
    {
        [ResourceKinds.Mesh] = ["namespaceSelector", "meshOwner"],
        [ResourceKinds.VirtualNode] = ["podSelector", "backendGroups"],
        [ResourceKinds.VirtualService] = [],
        [ResourceKinds.VirtualRouter] = ["routes"],
        [ResourceKinds.VirtualGateway] = ["namespaceSelector", "podSelector", "gatewayRouteSelector"],
        [ResourceKinds.GatewayRoute] = ["virtualGatewayRef"],
    };

    private static readonly Dictionary<string, string> ArnSpellings = new(StringComparer.Ordinal)
    {
        ["certificateARN"] = "certificateArn",
        ["certificateAuthorityARNs"] = "certificateAuthorityArns",
    };

    /// <summary>Converts <paramref name="obj"/>'s spec (for a router, without its routes: see <see cref="ConvertRoute"/>).</summary>
    internal void Convert(KubernetesObject obj)
    {
        var spec = obj.Spec;
        foreach (var member in CommonKubernetesOnly.Concat(KubernetesOnly[obj.Kind]))
        {
            spec.Remove(member);
        }

        RenameArnMembers(spec);
        if (obj.Kind == ResourceKinds.VirtualNode)
        {
            foreach (var backend in Objects(spec["backends"]))
            {
                if (backend["virtualService"] is JsonObject virtualService)
                {
                    resolver.ReplaceReference(virtualService, "virtualServiceRef", "virtualServiceARN", "virtualServiceName", ResourceKinds.VirtualService, obj);
                }
            }
        }
        else if (obj.Kind == ResourceKinds.VirtualService && spec["provider"] is JsonObject provider)
        {
            if (provider["virtualNode"] is JsonObject node)
            {
                resolver.ReplaceReference(node, "virtualNodeRef", "virtualNodeARN", "virtualNodeName", ResourceKinds.VirtualNode, obj);
            }

            if (provider["virtualRouter"] is JsonObject router)
            {
                resolver.ReplaceReference(router, "virtualRouterRef", "virtualRouterARN", "virtualRouterName", ResourceKinds.VirtualRouter, obj);
            }
        }
        else if (obj.Kind == ResourceKinds.GatewayRoute)
        {
            foreach (var routeType in GatewayRouteTypes)
            {
                if (spec[routeType]?["action"]?["target"]?["virtualService"] is JsonObject virtualService)
                {
                    resolver.ReplaceReference(virtualService, "virtualServiceRef", "virtualServiceARN", "virtualServiceName", ResourceKinds.VirtualService, obj);
                }
            }
        }
    }

    /// <summary>Converts one entry of a router's <c>spec.routes[]</c> (already detached, <c>name</c> removed) to a RouteSpec.</summary>
    internal void ConvertRoute(JsonObject route, KubernetesObject router)
    {
        RenameArnMembers(route);
        foreach (var routeType in RouteTypes)
        {
            foreach (var target in Objects(route[routeType]?["action"]?["weightedTargets"]))
            {
                resolver.ReplaceReference(target, "virtualNodeRef", "virtualNodeARN", "virtualNode", ResourceKinds.VirtualNode, router);
            }
        }
    }

    private void RenameArnMembers(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).Where(ArnSpellings.ContainsKey).ToList())
                {
                    sourceMap.RenameMember(obj, name, ArnSpellings[name]);
                }

                foreach (var (_, child) in obj)
                {
                    RenameArnMembers(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RenameArnMembers(child);
                }

                break;
        }
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonObject>() : [];
}
