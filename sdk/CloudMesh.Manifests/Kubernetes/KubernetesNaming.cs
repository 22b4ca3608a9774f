using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Manifests.Kubernetes;

/// <summary>
/// The App Mesh controller's default names (its mutating webhooks, <c>webhooks/appmesh/*_mutator.go</c>,
/// <c>defaultingAWSName</c>): a mesh keeps its name, a virtual service becomes <c>name.namespace</c>, every other
/// kind <c>name_namespace</c>. Routes keep the name written in the router's <c>spec.routes[]</c>.
/// </summary>
internal static class KubernetesNaming
{
    /// <summary>The Kubernetes namespace used when metadata.namespace is absent, as kubectl does.</summary>
    internal const string DefaultNamespace = "default";

    internal static string DefaultAwsName(ResourceKind kind, string name, string ns) => kind switch
    {
        { IsMesh: true } => name,
        _ when kind == ResourceKinds.VirtualService => $"{name}.{ns}",
        _ => $"{name}_{ns}",
    };
}
