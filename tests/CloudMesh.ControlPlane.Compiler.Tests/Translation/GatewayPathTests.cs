using CloudMesh.ControlPlane.Compiler.Planning;
using CloudMesh.ControlPlane.Compiler.Specs;

namespace CloudMesh.ControlPlane.Compiler.Tests.Translation;

/// <summary>A gateway route's path condition and rewrite carried through to its target service's rules.</summary>
public sealed class GatewayPathTests
{
    [Theory]
    // Default rewrite: /shop/... → /...; the bare /shop → /.
    [InlineData("/shop", "Default", null, "Prefix", "/cart", "Prefix /shop/cart → /cart")]
    [InlineData("/shop", "Default", null, "Prefix", "/", "Exact /shop → /; Prefix /shop/ → /")]
    [InlineData("/shop/", "Default", null, "Exact", "/cart/checkout", "Exact /shop/cart/checkout → /cart/checkout")]
    [InlineData("/shop/", "Default", null, "Regex", "/items/[0-9]+", "")]
    // No rewrite: the rule's regex applies as is, the gateway prefix joins as a :path condition.
    [InlineData("/raw/", "Disabled", null, "Regex", "/items/[0-9]+", "Regex /items/[0-9]+ (:path prefix /raw/)")]
    [InlineData("/raw/", "Disabled", null, "Prefix", "/cart", "")]
    [InlineData("/raw/", "Disabled", null, "Prefix", "/raw/x", "Prefix /raw/x")]
    [InlineData("/raw/deep/", "Disabled", null, "Prefix", "/raw/", "Prefix /raw/deep/")]
    // A value: /api/v1/... → /v2/...
    [InlineData("/api/v1/", "Value", "/v2/", "Prefix", "/v2/users", "Prefix /api/v1/users → /v2/users")]
    [InlineData("/api/v1/", "Value", "/v2/", "Prefix", "/v1", "")]
    public void Prefix_matches_combine_with_rules(string prefix, string mode, string? value, string ruleKind, string rulePath, string expected)
    {
        var route = Route(new PathCondition(PathKind.Prefix, prefix), new GatewayRewrite(true, Enum.Parse<PrefixRewriteMode>(mode), value, null));

        var combined = GatewayRulePlanner.CombinePath(route, new PathCondition(Enum.Parse<PathKind>(ruleKind), rulePath));

        Assert.Equal(expected, Describe(combined));
    }

    [Theory]
    [InlineData("/login", "/auth/login", "Prefix", "/auth", "Exact /login → /auth/login")]
    [InlineData("/login", "/auth/login", "Prefix", "/login", "")]
    [InlineData("/login", null, "Exact", "/login", "Exact /login")]
    [InlineData("/item/42", null, "Regex", "/item/[0-9]+", "Exact /item/42")]
    [InlineData("/item/x", null, "Regex", "/item/[0-9]+", "")]
    public void Exact_matches_decide_the_rule_on_the_rewritten_path(string path, string? rewrite, string ruleKind, string rulePath, string expected)
    {
        var route = Route(new PathCondition(PathKind.Exact, path), new GatewayRewrite(true, PrefixRewriteMode.Default, null, rewrite));

        Assert.Equal(expected, Describe(GatewayRulePlanner.CombinePath(route, new PathCondition(Enum.Parse<PathKind>(ruleKind), rulePath))));
    }

    [Theory]
    [InlineData("Prefix", "/", "Regex /img/.*")]
    [InlineData("Prefix", "/img/a", "Regex /img/.* (:path prefix /img/a)")]
    [InlineData("Exact", "/img/a.png", "Exact /img/a.png")]
    [InlineData("Exact", "/css/a.css", "")]
    [InlineData("Regex", ".*\\.png", "Regex /img/.* (:path regex (?:.*\\.png)(?:\\?.*)?)")]
    public void Regex_matches_keep_the_path_and_add_the_rule_as_a_path_header(string ruleKind, string rulePath, string expected)
    {
        var route = Route(new PathCondition(PathKind.Regex, "/img/.*"), GatewayRewrite.None);

        Assert.Equal(expected, Describe(GatewayRulePlanner.CombinePath(route, new PathCondition(Enum.Parse<PathKind>(ruleKind), rulePath))));
    }

    [Theory]
    [InlineData("shop.example.com", null, null, null, true)]
    [InlineData("shop.example.com", null, "shop.example.com", null, true)]
    [InlineData("shop.example.com", null, null, ".example.com", true)]
    [InlineData(null, ".b.example.com", null, ".example.com", true)]
    [InlineData(null, ".example.com", null, ".b.example.com", false)]
    [InlineData(null, ".example.com", "shop.example.com", null, false)]
    public void Hostname_coverage(string? exact, string? suffix, string? byExact, string? bySuffix, bool covered)
    {
        var other = byExact is null && bySuffix is null ? null : new HostnameMatch(byExact, bySuffix);

        Assert.Equal(covered, new HostnameMatch(exact, suffix).IsCoveredBy(other));
    }

    private static GatewayRouteModel Route(PathCondition path, GatewayRewrite rewrite) =>
        new("gw", "r", null, PortProtocol.Http, new RequestMatch(path, [], []), null, null, "svc", null, rewrite);

    private static string Describe(IEnumerable<GatewayRulePlanner.CombinedPath> paths) =>
        string.Join("; ", paths.Select(p =>
            $"{p.Condition.Kind} {p.Condition.Value}"
            + (p.Rewrite is null ? "" : $" → {p.Rewrite}")
            + (p.PathHeader is null ? "" : $" (:path {p.PathHeader.Kind.ToString().ToLowerInvariant()} {p.PathHeader.Value})")));
}
