using System.Text.Json.Nodes;

namespace CloudMesh.Manifests.Kubernetes;

/// <summary>
/// Translates one <c>appmesh.k8s.aws/v1beta2</c> object of a cluster (as the API server returns it) into App Mesh
/// resources with the same reader, reference resolution, conversion and validation <c>cloudmesh apply</c> uses, so the
/// controller and the CLI cannot disagree on what a custom resource means. References resolve against the cluster's
/// other objects instead of a load's input. Pure: no I/O; the objects are not modified.
/// </summary>
public static class ClusterTranslator
{
    private static readonly SourceLocation Cluster = SourceLocation.WholeFile("cluster");

    /// <summary>Translates <paramref name="target"/>, resolving its references against <paramref name="cluster"/>.</summary>
    /// <param name="target">The object to translate: apiVersion, kind, metadata, spec (status is ignored).</param>
    /// <param name="cluster">The objects of the six kinds references may name; may include <paramref name="target"/>.</param>
    public static ClusterTranslation Translate(JsonObject target, IEnumerable<JsonObject> cluster)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(cluster);
        var sourceMap = new SourceMap();
        var errors = new List<ManifestError>();
        var reader = new ManifestReader(sourceMap, errors);
        var obj = new KubernetesManifestReader(reader).Read(new ManifestDocument(Envelope(target), Cluster));
        if (obj is null)
        {
            return new ClusterTranslation([], errors, [], []);
        }

        // Errors in other objects are theirs to report when they are reconciled, not this one's.
        var othersReader = new KubernetesManifestReader(new ManifestReader(sourceMap, []));
        var others = cluster
            .Select(o => othersReader.Read(new ManifestDocument(Envelope(o), Cluster)))
            .OfType<KubernetesObject>()
            .Where(o => !(o.Kind == obj.Kind && o.Namespace == obj.Namespace && o.Name == obj.Name));
        var resolver = new KubernetesReferenceResolver([obj, .. others], reader, "the cluster");
        var resources = new List<DesiredResource>();
        new KubernetesTranslator(reader).Translate([obj], resolver, resources);
        foreach (var resource in resources)
        {
            ResourceValidator.Validate(resource, errors);
        }

        var dependencies = resolver.Resolved
            .Select(r => new ClusterDependency(r.Target.Kind.TypeName, r.Target.Namespace, r.Target.Name, r.Member))
            .Distinct()
            .ToList();
        return new ClusterTranslation(errors.Count == 0 ? resources : [], errors, dependencies, resolver.Missing.Distinct().ToList());
    }

    /// <summary>
    /// The App Mesh name of a live object: <c>spec.awsName</c>, else the App Mesh controller's default for its kind
    /// (<c>name</c> for a Mesh, <c>name.namespace</c> for a VirtualService, <c>name_namespace</c> otherwise).
    /// </summary>
    /// <exception cref="ArgumentException">Not one of the six kinds, or without metadata.name.</exception>
    public static string AwsName(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var kindName = obj["kind"] is JsonValue k && k.TryGetValue<string>(out var kn) ? kn : "";
        var kind = CloudMesh.Api.Core.Resources.ResourceKinds.FindByTypeName(kindName)
            ?? throw new ArgumentException($"'{kindName}' is not an appmesh.k8s.aws kind.", nameof(obj));
        var name = obj["metadata"]?["name"] is JsonValue n && n.TryGetValue<string>(out var nv) ? nv
            : throw new ArgumentException("The object has no metadata.name.", nameof(obj));
        var ns = obj["metadata"]?["namespace"] is JsonValue s && s.TryGetValue<string>(out var sv) ? sv : KubernetesNaming.DefaultNamespace;
        return obj["spec"]?["awsName"] is JsonValue a && a.TryGetValue<string>(out var awsName) && awsName.Length > 0
            ? awsName
            : KubernetesNaming.DefaultAwsName(kind, name, ns);
    }

    /// <summary>
    /// The members the manifest reader knows, deep-copied (translation works in place): a live object also carries
    /// status, and its metadata uid, resourceVersion and the like, which the reader ignores.
    /// </summary>
    private static JsonObject Envelope(JsonObject o)
    {
        var copy = new JsonObject();
        foreach (var member in (string[])["apiVersion", "kind", "metadata", "spec"])
        {
            if (o[member] is { } value)
            {
                copy[member] = value.DeepClone();
            }
        }

        return copy;
    }
}
