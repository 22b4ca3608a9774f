using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Cli.Resources;

/// <summary>
/// The names a user may give a resource kind on the command line: the API's own (<c>virtualNode</c>,
/// <c>VirtualNodes</c>), kebab case (<c>virtual-node</c>, <c>virtual-nodes</c>), lower case, and short forms
/// (<c>vn</c>, <c>vs</c>, <c>vr</c>, <c>vg</c>, <c>gr</c>), singular or plural.
/// </summary>
internal static class KindNames
{
    private static readonly Dictionary<string, ResourceKind> Aliases = Build();

    /// <summary>Every accepted spelling, for error messages and help.</summary>
    public static string Accepted => "mesh, virtual-node (vn), virtual-service (vs), virtual-router (vr), route, virtual-gateway (vg), gateway-route (gr); singular or plural";

    /// <summary>Finds the kind a user meant; throws <see cref="CliException"/> naming the accepted spellings.</summary>
    public static ResourceKind Parse(string text) =>
        Aliases.GetValueOrDefault(text.Trim().ToLowerInvariant())
        ?? throw new CliException($"Unknown resource kind '{text}'. Known kinds: {Accepted}.", CliExitCodes.Usage);

    /// <summary>The kebab-case name of a kind (<c>virtual-node</c>), as the CLI prints it.</summary>
    public static string Kebab(ResourceKind kind) =>
        string.Concat(kind.Name.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));

    private static Dictionary<string, ResourceKind> Build()
    {
        var aliases = new Dictionary<string, ResourceKind>(StringComparer.Ordinal);
        foreach (var kind in ResourceKinds.All)
        {
            var kebab = Kebab(kind);
            var plural = string.Concat(kind.PluralTypeName.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
            foreach (var name in new[] { kind.Name, kind.TypeName, kind.PluralTypeName, kebab, plural, kebab.Replace("-", ""), plural.Replace("-", "") })
            {
                aliases[name.ToLowerInvariant()] = kind;
            }

            // The initials of two-word kinds: vn, vs, vr, vg, gr.
            if (kebab.Contains('-'))
            {
                aliases[string.Concat(kebab.Split('-').Select(w => w[0]))] = kind;
            }
        }

        return aliases;
    }
}
