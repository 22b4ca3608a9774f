using System.Text.RegularExpressions;
using Envoy.Config.Route.V3;
using Envoy.Type.Matcher.V3;

namespace CloudMesh.Proxy.DataPlane.Translation;

/// <summary>RDS route configurations as compiled <see cref="RouteTable"/>s; unsupported matches and actions are rejected.</summary>
internal static class RouteTranslator
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Envoy's default route timeout.</summary>
    private static readonly TimeSpan DefaultRouteTimeout = TimeSpan.FromSeconds(15);

    public static RouteTable Translate(RouteConfiguration configuration)
    {
        var hosts = new List<(IReadOnlyList<string>, VirtualHostPlan)>();
        foreach (var host in configuration.VirtualHosts)
        {
            if (host.RequireTls != VirtualHost.Types.TlsRequirementType.None)
            {
                throw new PlanRejection($"route configuration {configuration.Name}: virtual host {host.Name} requires TLS, which is not supported");
            }

            var routes = new List<RoutePlan>();
            foreach (var route in host.Routes)
            {
                routes.Add(Route(configuration.Name, host, route));
            }

            hosts.Add((host.Domains.ToList(), new VirtualHostPlan(host.Name, routes)));
        }

        return new RouteTable(configuration.Name, hosts);
    }

    /// <summary>The cluster names a route configuration sends traffic to.</summary>
    public static IEnumerable<string> ReferencedClusters(RouteConfiguration configuration)
    {
        foreach (var host in configuration.VirtualHosts)
        {
            foreach (var route in host.Routes)
            {
                if (route.Route_ is not { } action)
                {
                    continue;
                }

                if (action.ClusterSpecifierCase == RouteAction.ClusterSpecifierOneofCase.Cluster)
                {
                    yield return action.Cluster;
                }
                else if (action.WeightedClusters is { } weighted)
                {
                    foreach (var cluster in weighted.Clusters)
                    {
                        yield return cluster.Name;
                    }
                }
            }
        }
    }

    private static RoutePlan Route(string configuration, VirtualHost host, Route route)
    {
        var where = $"route configuration {configuration}, virtual host {host.Name}, route {route.Name}";
        var matcher = Match(where, route.Match);
        switch (route.ActionCase)
        {
            case Envoy.Config.Route.V3.Route.ActionOneofCase.Route_:
                return new RoutePlan(route.Name, matcher, Action(where, host, route.Route_, route.Match), null);
            case Envoy.Config.Route.V3.Route.ActionOneofCase.DirectResponse:
                var body = route.DirectResponse.Body?.InlineString;
                return new RoutePlan(route.Name, matcher, null, new DirectResponsePlan((int)route.DirectResponse.Status, body));
            default:
                throw new PlanRejection($"{where}: only route and direct_response actions are supported");
        }
    }

    private static RouteMatcher Match(string where, RouteMatch match)
    {
        if (match.RuntimeFraction is not null || match.TlsContext is not null || match.DynamicMetadata.Count > 0)
        {
            throw new PlanRejection($"{where}: runtime_fraction, tls_context and dynamic_metadata matches are not supported");
        }

        var caseSensitive = match.CaseSensitive ?? true;
        var options = caseSensitive ? RegexOptions.CultureInvariant : RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;
        var (kind, path, regex) = match.PathSpecifierCase switch
        {
            RouteMatch.PathSpecifierOneofCase.Prefix => (PathMatchKind.Prefix, match.Prefix, (Regex?)null),
            RouteMatch.PathSpecifierOneofCase.Path => (PathMatchKind.Exact, match.Path, null),
            RouteMatch.PathSpecifierOneofCase.SafeRegex => (PathMatchKind.Regex, "", FullMatch(where, match.SafeRegex.Regex, options)),
            _ => throw new PlanRejection($"{where}: path match {match.PathSpecifierCase} is not supported"),
        };

        var headers = match.Headers.Select(h => Header(where, h)).ToList();
        var query = match.QueryParameters.Select(q => Query(where, q)).ToList();
        return new RouteMatcher(kind, path, regex, caseSensitive, headers, query, match.Grpc is not null);
    }

    private static HeaderCondition Header(string where, HeaderMatcher header)
    {
        var name = header.Name.ToLowerInvariant();

        // The deprecated direct fields still arrive from older control planes and mean what they say.
#pragma warning disable CS0612
        ValueCondition condition = header.HeaderMatchSpecifierCase switch
        {
            HeaderMatcher.HeaderMatchSpecifierOneofCase.ExactMatch => Value(ValueMatchKind.Exact, header.ExactMatch),
            HeaderMatcher.HeaderMatchSpecifierOneofCase.PrefixMatch => Value(ValueMatchKind.Prefix, header.PrefixMatch),
            HeaderMatcher.HeaderMatchSpecifierOneofCase.SuffixMatch => Value(ValueMatchKind.Suffix, header.SuffixMatch),
            HeaderMatcher.HeaderMatchSpecifierOneofCase.ContainsMatch => Value(ValueMatchKind.Contains, header.ContainsMatch),
            HeaderMatcher.HeaderMatchSpecifierOneofCase.SafeRegexMatch =>
                new ValueCondition(ValueMatchKind.Regex, "", FullMatch(where, header.SafeRegexMatch.Regex, RegexOptions.CultureInvariant), false, 0, 0),
            HeaderMatcher.HeaderMatchSpecifierOneofCase.RangeMatch =>
                new ValueCondition(ValueMatchKind.Range, "", null, false, header.RangeMatch.Start, header.RangeMatch.End),
            HeaderMatcher.HeaderMatchSpecifierOneofCase.PresentMatch => Value(ValueMatchKind.Present, ""),
            HeaderMatcher.HeaderMatchSpecifierOneofCase.StringMatch => String(where, header.StringMatch),
            HeaderMatcher.HeaderMatchSpecifierOneofCase.None => Value(ValueMatchKind.Present, ""),
            _ => throw new PlanRejection($"{where}: header match {header.HeaderMatchSpecifierCase} on {name} is not supported"),
        };
#pragma warning restore CS0612
        var present = header.HeaderMatchSpecifierCase != HeaderMatcher.HeaderMatchSpecifierOneofCase.PresentMatch || header.PresentMatch;
        return new HeaderCondition(name, condition, present, header.InvertMatch);
    }

    private static QueryCondition Query(string where, QueryParameterMatcher query) => query.QueryParameterMatchSpecifierCase switch
    {
        QueryParameterMatcher.QueryParameterMatchSpecifierOneofCase.StringMatch => new QueryCondition(query.Name, String(where, query.StringMatch)),
        QueryParameterMatcher.QueryParameterMatchSpecifierOneofCase.PresentMatch when query.PresentMatch => new QueryCondition(query.Name, null),
        _ => throw new PlanRejection($"{where}: query parameter match on {query.Name} is not supported"),
    };

    private static ValueCondition Value(ValueMatchKind kind, string value) => new(kind, value, null, false, 0, 0);

    /// <summary>Envoy's <c>StringMatcher</c> (exact, prefix, suffix, contains, safe_regex; ignore_case) as a condition.</summary>
    internal static ValueCondition String(string where, StringMatcher matcher)
    {
        var ignoreCase = matcher.IgnoreCase;
        return matcher.MatchPatternCase switch
        {
            StringMatcher.MatchPatternOneofCase.Exact => new ValueCondition(ValueMatchKind.Exact, matcher.Exact, null, ignoreCase, 0, 0),
            StringMatcher.MatchPatternOneofCase.Prefix => new ValueCondition(ValueMatchKind.Prefix, matcher.Prefix, null, ignoreCase, 0, 0),
            StringMatcher.MatchPatternOneofCase.Suffix => new ValueCondition(ValueMatchKind.Suffix, matcher.Suffix, null, ignoreCase, 0, 0),
            StringMatcher.MatchPatternOneofCase.Contains => new ValueCondition(ValueMatchKind.Contains, matcher.Contains, null, ignoreCase, 0, 0),
            StringMatcher.MatchPatternOneofCase.SafeRegex =>
                new ValueCondition(ValueMatchKind.Regex, "", FullMatch(where, matcher.SafeRegex.Regex, RegexOptions.CultureInvariant), false, 0, 0),
            _ => throw new PlanRejection($"{where}: string match {matcher.MatchPatternCase} is not supported"),
        };
    }

    /// <summary>Envoy's safe_regex matches the whole value (RE2 syntax, which .NET's engine accepts for common patterns).</summary>
    private static Regex FullMatch(string where, string pattern, RegexOptions options) => Compile(where, $"^(?:{pattern})$", options);

    private static Regex Compile(string where, string pattern, RegexOptions options)
    {
        try
        {
            return new Regex(pattern, options | RegexOptions.Compiled, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new PlanRejection($"{where}: invalid regex {pattern}: {e.Message}");
        }
    }

    private static RouteActionPlan Action(string where, VirtualHost host, RouteAction action, RouteMatch match)
    {
        string? matchedPrefix = null;
        if (!string.IsNullOrEmpty(action.PrefixRewrite))
        {
            matchedPrefix = match.PathSpecifierCase switch
            {
                RouteMatch.PathSpecifierOneofCase.Prefix => match.Prefix,
                RouteMatch.PathSpecifierOneofCase.Path => match.Path,
                _ => throw new PlanRejection($"{where}: prefix_rewrite needs a prefix or path match"),
            };
        }

        TargetSet targets;
        switch (action.ClusterSpecifierCase)
        {
            case RouteAction.ClusterSpecifierOneofCase.Cluster:
                targets = TargetSet.Single(action.Cluster);
                break;
            case RouteAction.ClusterSpecifierOneofCase.WeightedClusters:
                var list = new List<WeightedTarget>();
                ulong total = 0;
                foreach (var cluster in action.WeightedClusters.Clusters)
                {
                    if (cluster.RequestHeadersToAdd.Count > 0 || cluster.ResponseHeadersToAdd.Count > 0 || cluster.TypedPerFilterConfig.Count > 0)
                    {
                        throw new PlanRejection($"{where}: per-cluster header changes and filter configs are not supported");
                    }

                    var weight = cluster.Weight ?? 0;
                    if (weight > 0)
                    {
                        list.Add(new WeightedTarget(cluster.Name, weight));
                        total += weight;
                    }
                }

                if (total == 0)
                {
                    throw new PlanRejection($"{where}: weighted_clusters with no positive weight");
                }

                targets = new TargetSet(list, total);
                break;
            default:
                throw new PlanRejection($"{where}: cluster specifier {action.ClusterSpecifierCase} is not supported");
        }

        if (action.HashPolicy.Count > 0 || action.RequestMirrorPolicies.Count > 0 || action.RateLimits.Count > 0)
        {
            throw new PlanRejection($"{where}: hash policies, request mirroring and rate limits are not supported");
        }

        RegexRewrite? regexRewrite = null;
        if (action.RegexRewrite is { } rewrite)
        {
            // Substitutions use RE2's \1 for groups; .NET writes $1.
            var substitution = Regex.Replace(rewrite.Substitution.Replace("$", "$$", StringComparison.Ordinal), @"\\(\d)", "$$$1");
            regexRewrite = new RegexRewrite(Compile(where, rewrite.Pattern.Regex, RegexOptions.CultureInvariant), substitution);
        }

        string? hostLiteral = null;
        var autoHost = false;
        switch (action.HostRewriteSpecifierCase)
        {
            case RouteAction.HostRewriteSpecifierOneofCase.HostRewriteLiteral:
                hostLiteral = action.HostRewriteLiteral;
                break;
            case RouteAction.HostRewriteSpecifierOneofCase.AutoHostRewrite:
                autoHost = action.AutoHostRewrite ?? false;
                break;
            case RouteAction.HostRewriteSpecifierOneofCase.None:
                break;
            default:
                throw new PlanRejection($"{where}: host rewrite {action.HostRewriteSpecifierCase} is not supported");
        }

        var retry = Retry(where, action.RetryPolicy ?? host.RetryPolicy);
        var timeout = action.Timeout is { } t ? t.ToTimeSpan() : DefaultRouteTimeout;
        return new RouteActionPlan(
            targets,
            timeout > TimeSpan.Zero ? timeout : null,
            action.IdleTimeout is { } idle && idle.ToTimeSpan() > TimeSpan.Zero ? idle.ToTimeSpan() : null,
            retry,
            string.IsNullOrEmpty(action.PrefixRewrite) ? null : action.PrefixRewrite,
            matchedPrefix,
            regexRewrite,
            hostLiteral,
            autoHost);
    }

    private static RetryPlan? Retry(string where, RetryPolicy? policy)
    {
        if (policy is null)
        {
            return null;
        }

        var on = RetryOn.None;
        foreach (var token in policy.RetryOn.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            on |= token switch
            {
                "5xx" => RetryOn.ServerError,
                "gateway-error" => RetryOn.GatewayError,
                "reset" => RetryOn.Reset,
                "connect-failure" => RetryOn.ConnectFailure,
                "retriable-4xx" => RetryOn.Retriable4xx,
                "refused-stream" => RetryOn.RefusedStream,
                "retriable-status-codes" => RetryOn.RetriableStatusCodes,
                "cancelled" => RetryOn.GrpcCancelled,
                "deadline-exceeded" => RetryOn.GrpcDeadlineExceeded,
                "internal" => RetryOn.GrpcInternal,
                "resource-exhausted" => RetryOn.GrpcResourceExhausted,
                "unavailable" => RetryOn.GrpcUnavailable,
                _ => throw new PlanRejection($"{where}: retry_on {token} is not supported"),
            };
        }

        var retries = (int)(policy.NumRetries ?? 1);
        if (on == RetryOn.None || retries == 0)
        {
            return null;
        }

        return new RetryPlan(
            on,
            retries,
            policy.PerTryTimeout is { } perTry && perTry.ToTimeSpan() > TimeSpan.Zero ? perTry.ToTimeSpan() : null,
            policy.RetriableStatusCodes.Select(c => (int)c).ToHashSet());
    }
}
