namespace CloudMesh.Api.Core.Resources;

/// <summary>
/// Identifies one resource inside a tenant: its kind, mesh, parent (router or gateway name, empty when the kind has
/// none) and name. For a mesh, <see cref="MeshName"/> and <see cref="Name"/> are both the mesh's name.
/// </summary>
public readonly record struct ResourceKey(ResourceKind Kind, string MeshName, string ParentName, string Name)
{
    /// <summary>The key of a mesh.</summary>
    public static ResourceKey ForMesh(string meshName) => new(ResourceKinds.Mesh, meshName, "", meshName);

    /// <summary>The key of this resource's enclosing mesh.</summary>
    public ResourceKey MeshKey => ForMesh(MeshName);

    /// <summary>The key of this resource's parent router or gateway; only valid when the kind has a parent.</summary>
    public ResourceKey ParentKey => Kind.Parent is { } parent
        ? new ResourceKey(parent, MeshName, "", ParentName)
        : throw new InvalidOperationException($"A {Kind.Name} has no parent resource.");

    /// <summary>
    /// The description, instead of the record's generated member list: that one prints <see cref="MeshKey"/>, which is a
    /// key whose own <see cref="MeshKey"/> is printed next, and so on until the stack overflows.
    /// </summary>
    public override string ToString() => Describe();

    /// <summary>Human-readable description used in error messages.</summary>
    public string Describe() => Kind switch
    {
        { IsMesh: true } => $"mesh '{MeshName}'",
        { Parent: { } p } => $"{Kind.Name} '{Name}' of {p.Name} '{ParentName}' in mesh '{MeshName}'",
        _ => $"{Kind.Name} '{Name}' in mesh '{MeshName}'",
    };
}
