using System.Collections.Immutable;

namespace CloudMesh.Proxy.Xds.State;

/// <summary>The state the data plane runs on, with the versions the client acknowledged for it (what resumes a stream).</summary>
/// <param name="State">The resources.</param>
/// <param name="Versions">Per type URL; a type never accepted is absent.</param>
internal sealed record HeldXdsState(XdsState State, ImmutableDictionary<string, TypeVersions> Versions)
{
    public static HeldXdsState Empty { get; } = new(XdsState.Empty, ImmutableDictionary.Create<string, TypeVersions>(StringComparer.Ordinal));

    public TypeVersions VersionsOf(string typeUrl) => Versions.GetValueOrDefault(typeUrl) ?? TypeVersions.None;
}
