namespace CloudMesh.ControlPlane.Compiler.Specs;

/// <summary>
/// App Mesh's IpPreference. A virtual node's own preference overrides the mesh's; absent on both means
/// "no preference", which App Mesh treats differently from every explicit value (see the IPv6 walkthrough
/// in aws-app-mesh-examples: IPv4 binding, IPv6-first DNS).
/// </summary>
internal enum IpPreference
{
    None,
    IPv4Preferred,
    IPv6Preferred,
    IPv4Only,
    IPv6Only,
}

internal static class IpPreferences
{
    public static IpPreference Parse(string? value) => value switch
    {
        "IPv4_PREFERRED" => IpPreference.IPv4Preferred,
        "IPv6_PREFERRED" => IpPreference.IPv6Preferred,
        "IPv4_ONLY" => IpPreference.IPv4Only,
        "IPv6_ONLY" => IpPreference.IPv6Only,
        _ => IpPreference.None,
    };

    /// <summary>The node's preference when it states one, else the mesh's.</summary>
    public static IpPreference Or(this IpPreference own, IpPreference mesh) => own == IpPreference.None ? mesh : own;
}
