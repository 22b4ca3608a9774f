using CloudMesh.ControlPlane.Compiler.Planning;
using CloudMesh.ControlPlane.Model;

namespace CloudMesh.ControlPlane.Compiler;

/// <summary>
/// The mesh compiler: (a tenant's mesh snapshot, a proxy's identity) → that proxy's Envoy xDS v3
/// resources. Pure and deterministic: no I/O, no clock, no randomness, no shared mutable state; the same
/// snapshot always compiles to byte-identical resources.
/// </summary>
public static class MeshCompiler
{
    /// <summary>
    /// Parses and indexes the snapshot once (O(size of the mesh)): every spec into typed records, routes and
    /// gateway routes in priority order, instances by node, every virtual service resolved to its ports and
    /// rules. Specs are trusted to be valid (the API validated them); whatever cannot apply is skipped, as
    /// App Mesh does, and nothing throws.
    /// </summary>
    /// <param name="snapshot">The mesh as stored; it is not modified, and its specs are not retained beyond parsing.</param>
    /// <returns>An immutable, thread-safe compiled mesh.</returns>
    public static CompiledMesh Prepare(MeshSnapshot snapshot) => Prepare(snapshot, previous: null);

    /// <summary>
    /// As <see cref="Prepare(MeshSnapshot)"/>, reusing <paramref name="previous"/>'s per-node resources where the
    /// node's spec (and IP preference) did not change: the output is byte-identical to a fresh
    /// <see cref="Prepare(MeshSnapshot)"/>, only cheaper to produce, and unchanged nodes keep the same message instances
    /// (so their serialized form can be reused too). Only the previous version's entries are kept alive, not older ones.
    /// </summary>
    /// <param name="snapshot">The mesh as stored; it is not modified.</param>
    /// <param name="previous">The last version compiled of this mesh, or null; a different mesh or tenant is ignored.</param>
    /// <returns>An immutable, thread-safe compiled mesh.</returns>
    public static CompiledMesh Prepare(MeshSnapshot snapshot, CompiledMesh? previous)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new CompiledMesh(snapshot.AccountId, new MeshIndex(snapshot), previous);
    }
}
