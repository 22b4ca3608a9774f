using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Manifests.Kubernetes;

/// <summary>
/// Translates the <c>appmesh.k8s.aws/v1beta2</c> objects of one load into App Mesh resources. All objects are
/// translated together because references cross documents and files.
/// </summary>
internal sealed class KubernetesTranslator(ManifestReader reader)
{
    /// <summary>Adds the resources <paramref name="objects"/> declare to <paramref name="resources"/>, in input order.</summary>
    internal void Translate(IReadOnlyList<KubernetesObject> objects, List<DesiredResource> resources) =>
        Translate(objects, new KubernetesReferenceResolver(objects, reader), resources);

    /// <summary>
    /// Adds the resources <paramref name="objects"/> declare to <paramref name="resources"/>, resolving references with
    /// <paramref name="resolver"/> (whose objects may be more than those translated: the controller's whole cluster).
    /// </summary>
    internal void Translate(IReadOnlyList<KubernetesObject> objects, KubernetesReferenceResolver resolver, List<DesiredResource> resources)
    {
        var converter = new KubernetesSpecConverter(resolver, reader.SourceMap);
        foreach (var obj in objects)
        {
            var mesh = resolver.MeshOf(obj);
            var parent = obj.Kind == ResourceKinds.GatewayRoute ? resolver.GatewayOf(obj) : "";

            // Routes are detached before the router's spec is converted, which drops the k8s-only `routes`.
            var routes = obj.Kind == ResourceKinds.VirtualRouter
                ? reader.OptionalSequence(obj.Spec, "routes", obj.Describe(), obj.SpecLocation)
                : null;
            obj.Spec.Remove("routes");
            converter.Convert(obj);
            if (mesh is null || parent is null)
            {
                continue;
            }

            resources.Add(Resource(new ResourceKey(obj.Kind, mesh, parent, obj.AwsName), obj.Spec, obj.SpecLocation, obj.Location));
            if (routes is not null)
            {
                AddRoutes(routes, obj, new ResourceKey(ResourceKinds.Route, mesh, obj.AwsName, ""), converter, resources);
            }
        }
    }

    private void AddRoutes(JsonArray routes, KubernetesObject router, ResourceKey template, KubernetesSpecConverter converter, List<DesiredResource> resources)
    {
        var items = routes.ToList();
        routes.Clear(); // detach each route so it can become a spec of its own
        foreach (var item in items)
        {
            var location = reader.Locate(item, router.SpecLocation);
            if (item is not JsonObject route)
            {
                reader.Error(location, $"{router.Describe()}: each entry of spec.routes must be a mapping with a name");
                continue;
            }

            var name = reader.RequiredString(route, "name", $"{router.Describe()} route", location);
            route.Remove("name");
            converter.ConvertRoute(route, router);
            if (name is not null)
            {
                resources.Add(Resource(template with { Name = name }, route, location, location));
            }
        }
    }

    private DesiredResource Resource(ResourceKey id, JsonObject spec, SourceLocation specLocation, SourceLocation location) =>
        DesiredResourceFactory.Create(id, spec, specLocation, null, new Dictionary<string, SourceLocation>(), location, reader.SourceMap);
}
