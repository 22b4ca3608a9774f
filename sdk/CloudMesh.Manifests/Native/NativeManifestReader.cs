using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Manifests.Native;

/// <summary>
/// Reads the native form: one <c>cloudmesh: v1</c> document per mesh, resources keyed by name under
/// <c>virtualNodes</c>, <c>virtualServices</c>, <c>virtualRouters</c> (with <c>routes</c>) and
/// <c>virtualGateways</c> (with <c>gatewayRoutes</c>), each holding its spec in the API's wire shape.
/// </summary>
internal sealed class NativeManifestReader(ManifestReader reader)
{
    /// <summary>The value of the <c>cloudmesh</c> key this reader understands.</summary>
    internal const string Version = "v1";

    private static readonly string[] DocumentKeys =
        ["cloudmesh", "mesh", "spec", "tags", "virtualNodes", "virtualServices", "virtualRouters", "virtualGateways"];

    private static readonly string[] ResourceKeys = ["spec", "tags"];
    private static readonly string[] RouterKeys = ["spec", "tags", "routes"];
    private static readonly string[] GatewayKeys = ["spec", "tags", "gatewayRoutes"];

    /// <summary>Adds the document's resources to <paramref name="resources"/>; problems go to the reader's errors.</summary>
    internal void Read(ManifestDocument document, List<DesiredResource> resources)
    {
        var root = document.Root;
        var at = document.Location;
        var version = reader.OptionalString(root, "cloudmesh", "native manifest", at);
        if (version is not null && version != Version)
        {
            reader.Error(reader.Locate(root, "cloudmesh", at), $"unsupported native manifest version '{version}'; expected 'cloudmesh: {Version}'");
            return;
        }

        reader.RejectUnknownKeys(root, DocumentKeys, "a native manifest", at);
        var mesh = reader.RequiredString(root, "mesh", "native manifest", at);
        if (mesh is null)
        {
            return;
        }

        var meshLocation = reader.Locate(root, "mesh", at);
        resources.Add(Resource(ResourceKey.ForMesh(mesh), root, meshLocation, "mesh"));

        ReadChildren(root, "virtualNodes", mesh, ResourceKinds.VirtualNode, resources, at);
        ReadChildren(root, "virtualServices", mesh, ResourceKinds.VirtualService, resources, at);
        ReadChildren(root, "virtualRouters", mesh, ResourceKinds.VirtualRouter, resources, at);
        ReadChildren(root, "virtualGateways", mesh, ResourceKinds.VirtualGateway, resources, at);
    }

    private void ReadChildren(JsonObject root, string section, string mesh, ResourceKind kind, List<DesiredResource> resources, SourceLocation at)
    {
        if (reader.OptionalMapping(root, section, "native manifest", at) is not { } entries)
        {
            return;
        }

        foreach (var (name, node) in entries)
        {
            var location = reader.Locate(entries, name, at);
            if (Body(node, name, kind, location) is not { } body)
            {
                continue;
            }

            var id = new ResourceKey(kind, mesh, "", name);
            var (allowed, nested, nestedKind) = kind == ResourceKinds.VirtualRouter
                ? (RouterKeys, "routes", ResourceKinds.Route)
                : kind == ResourceKinds.VirtualGateway
                    ? (GatewayKeys, "gatewayRoutes", ResourceKinds.GatewayRoute)
                    : (ResourceKeys, null, null);
            reader.RejectUnknownKeys(body, allowed, $"{kind.Name} '{name}'", location);
            resources.Add(Resource(id, body, location, $"{kind.Name} '{name}'"));
            if (nested is not null && nestedKind is not null)
            {
                ReadNested(body, nested, id, nestedKind, resources, location);
            }
        }
    }

    private void ReadNested(JsonObject parentBody, string section, ResourceKey parent, ResourceKind kind, List<DesiredResource> resources, SourceLocation at)
    {
        if (reader.OptionalMapping(parentBody, section, $"{parent.Kind.Name} '{parent.Name}'", at) is not { } entries)
        {
            return;
        }

        foreach (var (name, node) in entries)
        {
            var location = reader.Locate(entries, name, at);
            if (Body(node, name, kind, location) is not { } body)
            {
                continue;
            }

            reader.RejectUnknownKeys(body, ResourceKeys, $"{kind.Name} '{name}'", location);
            resources.Add(Resource(new ResourceKey(kind, parent.MeshName, parent.Name, name), body, location, $"{kind.Name} '{name}'"));
        }
    }

    /// <summary>The mapping under a resource name; <c>name: ~</c> (or <c>{}</c>) declares it with an empty spec.</summary>
    private JsonObject? Body(JsonNode? node, string name, ResourceKind kind, SourceLocation location)
    {
        if (name.Length == 0)
        {
            reader.Error(location, $"a {kind.Name} needs a non-empty name");
            return null;
        }

        switch (node)
        {
            case null:
                return [];
            case JsonObject body:
                return body;
            default:
                reader.Error(location, $"{kind.Name} '{name}' must be a mapping with 'spec' (and optionally 'tags')");
                return null;
        }
    }

    private DesiredResource Resource(ResourceKey id, JsonObject body, SourceLocation location, string what)
    {
        var spec = reader.OptionalMapping(body, "spec", what, location);
        var specLocation = reader.Locate(body, "spec", location);
        if (spec is not null)
        {
            body.Remove("spec"); // detach it: the resource owns its spec from here on
        }

        var (tags, tagLocations) = reader.Tags(body, "tags", what, location);
        return DesiredResourceFactory.Create(id, spec ?? [], specLocation, tags, tagLocations, location, reader.SourceMap);
    }
}
