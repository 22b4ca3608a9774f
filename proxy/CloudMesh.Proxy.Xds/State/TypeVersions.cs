using System.Collections.Immutable;

namespace CloudMesh.Proxy.Xds.State;

/// <summary>
/// What the client accepted of one type: the response version (SotW version_info, delta system_version_info) and,
/// from delta responses, each resource's version, which a reconnecting delta stream sends as initial_resource_versions.
/// </summary>
/// <param name="VersionInfo">The last accepted response version; empty when none.</param>
/// <param name="ResourceVersions">Resource name → version, for resources that came with one.</param>
internal sealed record TypeVersions(string VersionInfo, ImmutableDictionary<string, string> ResourceVersions)
{
    public static TypeVersions None { get; } = new("", ImmutableDictionary.Create<string, string>(StringComparer.Ordinal));
}
