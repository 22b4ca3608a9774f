namespace CloudMesh.Manifests.Kubernetes;

/// <summary>An object a custom resource refers to.</summary>
/// <param name="Kind">Its Kubernetes kind (<c>Mesh</c>, <c>VirtualNode</c>...).</param>
/// <param name="Namespace">Its namespace (<c>default</c> for the cluster-scoped Mesh, as read).</param>
/// <param name="Name">Its metadata.name.</param>
/// <param name="Member">The member that refers to it (<c>meshRef</c>, <c>virtualServiceRef</c>...).</param>
public sealed record ClusterDependency(string Kind, string Namespace, string Name, string Member);
