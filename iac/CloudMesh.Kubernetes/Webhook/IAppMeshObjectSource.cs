using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Controller;

namespace CloudMesh.Kubernetes.Webhook;

/// <summary>
/// What the sidecar injector reads about the cluster: the App Mesh objects and namespace labels. The controller's
/// informer caches implement it (<see cref="AppMeshController"/>), so admission never calls the API server.
/// Implementations are thread-safe; the objects returned must not be modified.
/// </summary>
public interface IAppMeshObjectSource
{
    /// <summary>Every cached object of <paramref name="kind"/>.</summary>
    IReadOnlyCollection<JsonObject> Items(AppMeshCustomResource kind);

    /// <summary>The labels of namespace <paramref name="ns"/> (with <c>kubernetes.io/metadata.name</c>); empty when unknown.</summary>
    IReadOnlyDictionary<string, string> NamespaceLabels(string ns);
}
