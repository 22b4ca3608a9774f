using System.Text.RegularExpressions;
using CloudMesh.ControlPlane.Compiler.Specs;

namespace CloudMesh.ControlPlane.Compiler.Planning;

/// <summary>
/// Combines a gateway route with the rules of the virtual service it targets. The service's rules match
/// the request after the gateway's rewrite, so each rule's path condition is carried back through the
/// rewrite onto the original path; a rule no rewritten path can satisfy is dropped. Combinations that
/// cannot be expressed exactly (a service regex behind a prefix rewrite) are dropped too, never approximated.
/// </summary>
internal static class GatewayRulePlanner
{
    public static IEnumerable<GatewayRule> Combine(GatewayRouteModel route, ServicePort port)
    {
        var hostRewrite = route.Rewrite.HostnameToTarget ? route.TargetService : null;
        foreach (var rule in port.HttpRules)
        {
            foreach (var path in CombinePath(route, rule.Match.Path))
            {
                var headers = new List<HeaderCondition>(route.Match.Headers.Count + rule.Match.Headers.Count + 1);
                headers.AddRange(route.Match.Headers);
                if (path.PathHeader is { } pathHeader)
                {
                    headers.Add(pathHeader);
                }

                headers.AddRange(rule.Match.Headers);
                var query = route.Match.Query.Concat(rule.Match.Query).ToList();
                yield return new GatewayRule(
                    $"{route.Name}/{rule.Name}",
                    route.Hostname,
                    new RequestMatch(path.Condition, headers, query),
                    path.Rewrite,
                    hostRewrite,
                    rule);
            }
        }
    }

    /// <summary>
    /// The combined path conditions (none when no request can satisfy both). A prefix match that the
    /// rewrite takes with its trailing "/" yields two: the bare prefix as an exact path, then the prefix.
    /// </summary>
    internal static IEnumerable<CombinedPath> CombinePath(GatewayRouteModel route, PathCondition rulePath)
    {
        var gateway = route.Match.Path;
        switch (gateway.Kind)
        {
            case PathKind.Prefix:
                var (prefix, replacement) = PrefixRewrite(route, gateway.Value);
                if (prefix != gateway.Value && Satisfies(rulePath, replacement))
                {
                    // "/chapter" itself: App Mesh sends it on as the replacement ("/").
                    yield return new CombinedPath(new PathCondition(PathKind.Exact, gateway.Value), replacement, null);
                }

                if (CombinePrefix(prefix, replacement, rulePath) is { } combined)
                {
                    yield return combined;
                }

                break;

            case PathKind.Exact:
                // The rewritten path is known: decide the service rule here and now.
                var rewritten = route.Rewrite.Path ?? gateway.Value;
                if (Satisfies(rulePath, rewritten))
                {
                    yield return new CombinedPath(gateway, rewritten == gateway.Value ? null : rewritten, null);
                }

                break;

            default:
                // A regex match is never rewritten; the service rule's condition joins as a :path condition.
                CombinedPath? regex = rulePath.Kind switch
                {
                    PathKind.Prefix when rulePath.Value == "/" => new CombinedPath(gateway, null, null),
                    PathKind.Prefix => new CombinedPath(gateway, null, new HeaderCondition(":path", HeaderMatchKind.Prefix, rulePath.Value, 0, 0, false)),
                    PathKind.Exact => FullMatch(gateway.Value, rulePath.Value) ? new CombinedPath(rulePath, null, null) : null,
                    _ => new CombinedPath(gateway, null, new HeaderCondition(":path", HeaderMatchKind.Regex, $"(?:{rulePath.Value})(?:\\?.*)?", 0, 0, false)),
                };
                if (regex is not null)
                {
                    yield return regex;
                }

                break;
        }
    }

    /// <summary>
    /// The gateway's effective (matched prefix, replacement): App Mesh rewrites the matched prefix to "/"
    /// unless told otherwise. When the replacement ends in "/" and the prefix does not, the prefix is taken
    /// with its "/" (so /chapter/1 becomes /1, as App Mesh documents, rather than //1); the bare prefix is
    /// then matched as an exact path of its own.
    /// </summary>
    internal static (string Prefix, string Replacement) PrefixRewrite(GatewayRouteModel route, string prefix)
    {
        var replacement = route.Rewrite.PrefixMode switch
        {
            PrefixRewriteMode.Default => "/",
            PrefixRewriteMode.Value => route.Rewrite.PrefixValue ?? "/",
            _ => prefix,
        };
        if (replacement != prefix && replacement.EndsWith('/') && !prefix.EndsWith('/'))
        {
            prefix += "/";
        }

        return (prefix, replacement);
    }

    private static CombinedPath? CombinePrefix(string prefix, string replacement, PathCondition rulePath)
    {
        var rewrites = replacement != prefix;
        switch (rulePath.Kind)
        {
            case PathKind.Prefix:
                if (rulePath.Value.StartsWith(replacement, StringComparison.Ordinal))
                {
                    // The rewritten path is replacement + rest; the rule needs rest to start with tail.
                    var tail = rulePath.Value[replacement.Length..];
                    return new CombinedPath(new PathCondition(PathKind.Prefix, prefix + tail), rewrites ? replacement + tail : null, null);
                }

                // The replacement alone already satisfies the rule's prefix: every request the gateway takes does.
                return replacement.StartsWith(rulePath.Value, StringComparison.Ordinal)
                    ? new CombinedPath(new PathCondition(PathKind.Prefix, prefix), rewrites ? replacement : null, null)
                    : null;

            case PathKind.Exact:
                if (!rulePath.Value.StartsWith(replacement, StringComparison.Ordinal))
                {
                    return null;
                }

                return new CombinedPath(new PathCondition(PathKind.Exact, prefix + rulePath.Value[replacement.Length..]), rewrites ? rulePath.Value : null, null);

            default:
                // Without a rewrite the rule's regex applies to the path as it arrives.
                return rewrites
                    ? null
                    : new CombinedPath(rulePath, null, prefix == "/" ? null : new HeaderCondition(":path", HeaderMatchKind.Prefix, prefix, 0, 0, false));
        }
    }

    private static bool Satisfies(PathCondition condition, string path) => condition.Kind switch
    {
        PathKind.Prefix => path.StartsWith(condition.Value, StringComparison.Ordinal),
        PathKind.Exact => path == condition.Value,
        _ => FullMatch(condition.Value, path),
    };

    /// <summary>
    /// Whether an RE2 pattern matches the whole input, evaluated with .NET's linear-time engine (RE2's
    /// syntax is nearly a subset of .NET's); a pattern it cannot take counts as no match.
    /// </summary>
    private static bool FullMatch(string pattern, string input)
    {
        try
        {
            return Regex.IsMatch(input, $"^(?:{pattern})\\z", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>A combined path: its condition, the rewrite to apply, and an extra <c>:path</c> condition when one specifier cannot say it all.</summary>
    internal sealed record CombinedPath(PathCondition Condition, string? Rewrite, HeaderCondition? PathHeader);
}
