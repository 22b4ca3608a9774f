using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Manifests.Kubernetes;

/// <summary>One <c>appmesh.k8s.aws/v1beta2</c> custom resource as read, before translation to App Mesh.</summary>
/// <param name="Kind">The App Mesh kind it declares (the Kubernetes kind is its <see cref="ResourceKind.TypeName"/>).</param>
/// <param name="Name">metadata.name.</param>
/// <param name="Namespace">metadata.namespace, <c>default</c> when absent (ignored for the cluster-scoped Mesh).</param>
/// <param name="AwsName">The App Mesh name: spec.awsName, else the controller's default for the kind.</param>
/// <param name="Spec">The Kubernetes spec, translated in place to the App Mesh shape.</param>
/// <param name="SpecLocation">Where the spec is written (the document when it has none).</param>
/// <param name="Location">Where the object's document starts.</param>
internal sealed record KubernetesObject(
    ResourceKind Kind,
    string Name,
    string Namespace,
    string AwsName,
    JsonObject Spec,
    SourceLocation SpecLocation,
    SourceLocation Location)
{
    /// <summary>The object as <c>kubectl</c> names it in messages: <c>VirtualNode colors/colors-v1</c>.</summary>
    public string Describe() => Kind == ResourceKinds.Mesh ? $"Mesh {Name}" : $"{Kind.TypeName} {Namespace}/{Name}";
}
