using System.Text;
using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Controller;
using CloudMesh.Manifests.Kubernetes;

namespace CloudMesh.Kubernetes.Webhook;

/// <summary>
/// The App Mesh controller's mutating webhooks for its own custom resources, on creation: <c>spec.awsName</c>
/// defaulted (<c>defaultingAWSName</c>), <c>spec.meshRef</c> designated from the Meshes' namespaceSelectors and a
/// GatewayRoute's <c>spec.virtualGatewayRef</c> from the gateways' selectors, so objects carry their membership from
/// generation 1 as they did under App Mesh. Unlike App Mesh's, a membership that cannot be resolved yet does not deny
/// the object (a Mesh applied a moment earlier may not be in the cache): it is admitted unchanged, and the controller
/// designates it later and reports the problem in its condition.
/// </summary>
public sealed class CustomResourceMutator(IAppMeshObjectSource source)
{
    /// <summary>The path App Mesh's controller serves a kind's mutator on (<c>/mutate-appmesh-k8s-aws-v1beta2-virtualnode</c>).</summary>
    public static string PathOf(AppMeshCustomResource kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return $"/mutate-appmesh-k8s-aws-v1beta2-{kind.Type.Kind.ToLowerInvariant()}";
    }

    /// <summary>Whether the caches are complete (<see cref="IAppMeshObjectSource.Ready"/>).</summary>
    public bool Ready => source.Ready;

    /// <summary>Answers an AdmissionReview v1 for an object of <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentException">The body is not an AdmissionReview with a request.</exception>
    public JsonObject Review(JsonObject review, AppMeshCustomResource kind)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(kind);
        if (review["request"] is not JsonObject request)
        {
            throw new ArgumentException("Not an AdmissionReview request: 'request' is missing.", nameof(review));
        }

        JsonArray? patch = null;
        if (KubernetesObjects.String(request["operation"]) == "CREATE" && request["object"] is JsonObject obj)
        {
            var ns = KubernetesObjects.String(request["namespace"]) ?? KubernetesObjects.Namespace(obj) ?? "default";
            patch = Patch(kind, obj, ns);
        }

        return AdmissionReviews.Wrap(review, AdmissionReviews.Allowed(request, patch));
    }

    /// <summary>The JSON patch defaulting <paramref name="obj"/> (empty when it needs nothing).</summary>
    public JsonArray Patch(AppMeshCustomResource kind, JsonObject obj, string ns)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(obj);
        var patch = new JsonArray();
        if (obj["spec"] is not JsonObject spec)
        {
            spec = [];
            patch.Add(Add("/spec", new JsonObject()));
        }

        if (spec["awsName"] is null || KubernetesObjects.String(spec["awsName"]) is "")
        {
            var named = (JsonObject)obj.DeepClone();
            named["kind"] = kind.Type.Kind;
            named["metadata"] ??= new JsonObject();
            named["metadata"]!["namespace"] = ns;
            patch.Add(Add("/spec/awsName", ClusterTranslator.AwsName(named)));
        }

        if (kind != AppMeshCustomResource.Mesh && spec["meshRef"] is null && Membership.MeshRef(source, ns).MeshRef is { } meshRef)
        {
            patch.Add(Add("/spec/meshRef", meshRef));
        }

        if (kind == AppMeshCustomResource.GatewayRoute && spec["virtualGatewayRef"] is null
            && Membership.VirtualGatewayRef(source, obj, ns).GatewayRef is { } gatewayRef)
        {
            patch.Add(Add("/spec/virtualGatewayRef", gatewayRef));
        }

        return patch;
    }

    private static JsonObject Add(string path, JsonNode value) => new() { ["op"] = "add", ["path"] = path, ["value"] = value };
}
