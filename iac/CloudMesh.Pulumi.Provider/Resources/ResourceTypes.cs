using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Pulumi.Provider.Resources;

/// <summary>
/// The package's names for the seven App Mesh kinds: resource tokens (<c>cloudmesh:index:VirtualNode</c>), function
/// tokens (<c>cloudmesh:index:getVirtualNode</c>) and the input properties each kind takes.
/// </summary>
internal static class ResourceTypes
{
    /// <summary>The package name.</summary>
    public const string Package = "cloudmesh";

    /// <summary>The package version, also reported by GetPluginInfo.</summary>
    public const string Version = "0.1.0";

    /// <summary>The module every token lives in.</summary>
    public const string Module = Package + ":index:";

    /// <summary>The resource token of a kind.</summary>
    public static string Token(ResourceKind kind) => Module + kind.TypeName;

    /// <summary>The function token that reads a kind.</summary>
    public static string FunctionToken(ResourceKind kind) => Module + "get" + kind.TypeName;

    /// <summary>The kind a resource token names, or null.</summary>
    public static ResourceKind? FromToken(string token) =>
        token.StartsWith(Module, StringComparison.Ordinal) ? ResourceKinds.All.FirstOrDefault(k => Token(k) == token) : null;

    /// <summary>The kind a function token reads, or null.</summary>
    public static ResourceKind? FromFunctionToken(string token) => ResourceKinds.All.FirstOrDefault(k => FunctionToken(k) == token);

    /// <summary>The input property that names the parent router or gateway (<c>virtualRouterName</c>), or null.</summary>
    public static string? ParentProperty(ResourceKind kind) => kind.Parent?.NameMember;

    /// <summary>
    /// The input properties whose change replaces the resource: its identity (a name cannot be updated in App Mesh).
    /// </summary>
    public static IReadOnlyList<string> ReplaceProperties(ResourceKind kind) => kind.IsMesh
        ? ["name"]
        : ParentProperty(kind) is { } parent ? ["name", "meshName", "meshOwner", parent] : ["name", "meshName", "meshOwner"];

    /// <summary>Every input property of a kind, in schema order.</summary>
    public static IReadOnlyList<string> InputProperties(ResourceKind kind) => [.. ReplaceProperties(kind), "spec", "tags"];
}
