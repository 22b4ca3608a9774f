using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Manifests.Kubernetes;

/// <summary>Reads the envelope of an <c>appmesh.k8s.aws/v1beta2</c> document: kind, metadata and spec.</summary>
internal sealed class KubernetesManifestReader(ManifestReader reader)
{
    /// <summary>The apiVersion of the App Mesh controller's custom resources.</summary>
    internal const string ApiVersion = "appmesh.k8s.aws/v1beta2";

    private static readonly string[] DocumentKeys = ["apiVersion", "kind", "metadata", "spec", "status"];

    private static readonly ResourceKind[] Kinds =
    [
        ResourceKinds.Mesh, ResourceKinds.VirtualNode, ResourceKinds.VirtualService, ResourceKinds.VirtualRouter,
        ResourceKinds.VirtualGateway, ResourceKinds.GatewayRoute,
    ];

    /// <summary>The object the document declares, or null (with errors recorded) when it cannot be read.</summary>
    internal KubernetesObject? Read(ManifestDocument document)
    {
        var root = document.Root;
        var at = document.Location;
        reader.RejectUnknownKeys(root, DocumentKeys, $"an {ApiVersion} object", at);
        var kindName = reader.RequiredString(root, "kind", ApiVersion, at);
        if (kindName is null)
        {
            return null;
        }

        var kind = Array.Find(Kinds, k => k.TypeName == kindName);
        if (kind is null)
        {
            reader.Error(reader.Locate(root, "kind", at),
                $"unknown kind '{kindName}' for {ApiVersion}; expected one of: {string.Join(", ", Kinds.Select(k => k.TypeName))}");
            return null;
        }

        var metadataLocation = reader.Locate(root, "metadata", at);
        var metadata = reader.OptionalMapping(root, "metadata", kindName, at);
        if (metadata is null)
        {
            if (root["metadata"] is null)
            {
                reader.Error(metadataLocation, $"{kindName}: 'metadata' with a name is required");
            }

            return null;
        }

        var name = reader.RequiredString(metadata, "name", $"{kindName} metadata", metadataLocation);
        var ns = reader.OptionalString(metadata, "namespace", $"{kindName} metadata", metadataLocation) ?? KubernetesNaming.DefaultNamespace;
        var spec = reader.OptionalMapping(root, "spec", kindName, at) ?? [];
        if (name is null)
        {
            return null;
        }

        var awsName = reader.OptionalString(spec, "awsName", kindName, at);
        return new KubernetesObject(kind, name, ns,
            string.IsNullOrEmpty(awsName) ? KubernetesNaming.DefaultAwsName(kind, name, ns) : awsName,
            spec, reader.Locate(root, "spec", at), at);
    }
}
