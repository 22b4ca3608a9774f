namespace CloudMesh.Fuzz.Tests.Generation;

/// <summary>
/// The few names generated requests use, so that creates collide, references resolve and deletes find something.
/// Tenant B creates resources with the same names, so a leak across tenants would show up as a name match.
/// </summary>
internal static class NamePools
{
    /// <summary>Meshes tenant A works in; B owns a mesh named <see cref="SharedMesh"/> too.</summary>
    public static readonly IReadOnlyList<string> Meshes = ["fz-a", "fz-b"];

    /// <summary>Names of everything inside a mesh (nodes, routers, routes, services, gateways, gateway routes).</summary>
    public static readonly IReadOnlyList<string> Resources = ["n1", "n2", "n3"];

    /// <summary>The mesh both tenants have.</summary>
    public const string SharedMesh = "fz-a";

    /// <summary>A mesh only tenant A may ever own: B must never see it.</summary>
    public const string MeshOnlyA = "fz-b";
}
