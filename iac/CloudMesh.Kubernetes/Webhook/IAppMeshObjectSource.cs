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
    /// <summary>
    /// Whether the objects are complete (the caches have listed): before that, an answer could wrongly leave a pod
    /// without its proxy, so the webhook answers 503 and the API server applies the webhook's failurePolicy.
    /// </summary>
    bool Ready { get; }

    /// <summary>Every cached object of <paramref name="kind"/>.</summary>
    IReadOnlyCollection<JsonObject> Items(AppMeshCustomResource kind);

    /// <summary>The labels of namespace <paramref name="ns"/> (with <c>kubernetes.io/metadata.name</c>); empty when unknown.</summary>
    IReadOnlyDictionary<string, string> NamespaceLabels(string ns);
}
