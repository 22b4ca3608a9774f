namespace CloudMesh.Manifests.Kubernetes;

/// <summary>What one custom resource of a cluster translates to, or why it cannot be translated yet.</summary>
/// <param name="Resources">The App Mesh resources it declares (a router: itself, then its routes); empty when <paramref name="Errors"/> is not.</param>
/// <param name="Errors">Everything wrong with it, as the CLI would word it; paths are spec paths, the file is always "cluster".</param>
/// <param name="Dependencies">The objects its references resolved to, with the member that named each (<c>meshRef</c>, <c>virtualNodeRef</c>...).</param>
/// <param name="Missing">Referenced objects that are not in the cluster (yet): <c>VirtualNode ns/name</c>, or just a kind when none could be chosen.</param>
public sealed record ClusterTranslation(
    IReadOnlyList<DesiredResource> Resources,
    IReadOnlyList<ManifestError> Errors,
    IReadOnlyList<ClusterDependency> Dependencies,
    IReadOnlyList<string> Missing);
