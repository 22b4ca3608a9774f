namespace CloudMesh.Api.Core.Resources;

/// <summary>
/// One of the seven App Mesh resource kinds. Every operation of the API is one of five verbs on a kind
/// (plus the three tag operations), so the kind carries every name the wire format derives from it.
/// </summary>
/// <param name="Name">Camel-case name: the ARN segment, the output member and the key in references (<c>virtualNode</c>).</param>
/// <param name="TypeName">Pascal-case name used in operation and shape names (<c>VirtualNode</c>).</param>
/// <param name="PluralTypeName">Plural used by List operations (<c>VirtualNodes</c>, <c>Meshes</c>).</param>
/// <param name="NameMember">The input/output member holding the resource's name (<c>virtualNodeName</c>).</param>
/// <param name="ListMember">The List output member (<c>virtualNodes</c>).</param>
/// <param name="Parent">The kind this one is nested under inside a mesh (routes under routers, gateway routes under gateways); null otherwise.</param>
public sealed record ResourceKind(
    string Name,
    string TypeName,
    string PluralTypeName,
    string NameMember,
    string ListMember,
    ResourceKind? Parent)
{
    /// <summary>True for the mesh itself, which has no enclosing mesh.</summary>
    public bool IsMesh => Name == "mesh";

    /// <summary>Shape names in the App Mesh model derived from the kind.</summary>
    public string DataShape => TypeName + "Data";

    /// <summary>The spec shape (<c>VirtualNodeSpec</c>).</summary>
    public string SpecShape => TypeName + "Spec";

    /// <inheritdoc />
    public override string ToString() => Name;
}
