namespace CloudMesh.Kubernetes.Client;

/// <summary>A resource type of the Kubernetes API: where its collection and objects live on the REST path.</summary>
/// <param name="Group">The API group; empty for the core group (<c>/api/v1</c>).</param>
/// <param name="Version">The API version (<c>v1</c>, <c>v1beta2</c>).</param>
/// <param name="Plural">The resource name in paths (<c>virtualnodes</c>).</param>
/// <param name="Kind">The object kind (<c>VirtualNode</c>).</param>
/// <param name="Namespaced">Whether objects live in namespaces (Mesh and Namespace do not).</param>
public sealed record KubernetesResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary>Core <c>v1</c> Namespaces.</summary>
    public static readonly KubernetesResourceType Namespaces = new("", "v1", "namespaces", "Namespace", false);

    /// <summary>Core <c>v1</c> Events.</summary>
    public static readonly KubernetesResourceType Events = new("", "v1", "events", "Event", true);

    /// <summary>Core <c>v1</c> Pods.</summary>
    public static readonly KubernetesResourceType Pods = new("", "v1", "pods", "Pod", true);

    /// <summary>The apiVersion objects of this type carry (<c>appmesh.k8s.aws/v1beta2</c>, <c>v1</c>).</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>
    /// The collection's path: in <paramref name="ns"/>, or across all namespaces when it is null (and always for a
    /// cluster-scoped type).
    /// </summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced && ns is not null ? $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}" : $"{root}/{Plural}";
    }

    /// <summary>One object's path (<paramref name="ns"/> is ignored for a cluster-scoped type).</summary>
    public string ObjectPath(string? ns, string name)
    {
        if (Namespaced && string.IsNullOrEmpty(ns))
        {
            throw new ArgumentException($"{Kind} is namespaced: a namespace is required.", nameof(ns));
        }

        return $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";
    }
}
