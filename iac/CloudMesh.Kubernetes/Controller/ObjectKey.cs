namespace CloudMesh.Kubernetes.Controller;

/// <summary>A custom resource in the work queue: its kind and cache key (<c>namespace/name</c>, or <c>name</c> for a Mesh).</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Key">The informer cache key.</param>
public readonly record struct ObjectKey(AppMeshCustomResource Kind, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind.Type.Kind} {Key}";
}
