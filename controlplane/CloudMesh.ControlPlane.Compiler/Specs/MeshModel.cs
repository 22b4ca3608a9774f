using System.Text.Json;

namespace CloudMesh.ControlPlane.Compiler.Specs;

/// <summary>The parts of a MeshSpec the compiler uses.</summary>
/// <param name="AllowAllEgress">egressFilter.type ALLOW_ALL: traffic to destinations outside the mesh passes through.</param>
/// <param name="IpPreference">serviceDiscovery.ipPreference.</param>
internal sealed record MeshModel(bool AllowAllEgress, IpPreference IpPreference)
{
    public static MeshModel Parse(JsonElement spec) => new(
        spec.Object("egressFilter")?.String("type") == "ALLOW_ALL",
        IpPreferences.Parse(spec.Object("serviceDiscovery")?.String("ipPreference")));
}
