namespace CloudMesh.Fuzz.Tests.Oracle;

/// <summary>A resource's identity inside one tenant, as the <c>resources</c> table stores it.</summary>
internal readonly record struct StoredKey(string Kind, string Mesh, string Parent, string Name)
{
    public override string ToString() => Parent.Length == 0 ? $"{Kind} {Mesh}/{Name}" : $"{Kind} {Mesh}/{Parent}/{Name}";
}
