using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Controller;
using CloudMesh.Kubernetes.Webhook;

namespace CloudMesh.Kubernetes.Tests.Webhook;

/// <summary>App Mesh objects and namespaces standing in for the controller's caches; tests may add objects later.</summary>
internal sealed class StaticObjectSource(List<JsonObject> objects, Dictionary<string, Dictionary<string, string>> namespaces) : IAppMeshObjectSource
{
    private readonly List<JsonObject> _objects = objects;

    public bool Ready { get; set; } = true;

    public IReadOnlyCollection<JsonObject> Items(AppMeshCustomResource kind) =>
        _objects.Where(o => KubernetesObjects.String(o["kind"]) == kind.Type.Kind).ToList();

    public IReadOnlyDictionary<string, string> NamespaceLabels(string ns)
    {
        var labels = new Dictionary<string, string>(namespaces.GetValueOrDefault(ns) ?? [], StringComparer.Ordinal)
        {
            ["kubernetes.io/metadata.name"] = ns,
        };
        return labels;
    }
}
