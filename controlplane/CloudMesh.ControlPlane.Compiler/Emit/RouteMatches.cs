using CloudMesh.ControlPlane.Compiler.Specs;
using Envoy.Config.Route.V3;
using Envoy.Type.Matcher.V3;
using Envoy.Type.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>
/// Normalized App Mesh matches as Envoy route matches. Only forms gRPC's xDS client also accepts are
/// used: prefix/path/safe_regex paths and string_match/range_match/present_match headers.
/// </summary>
internal static class RouteMatches
{
    public static RouteMatch Build(RequestMatch match)
    {
        var route = new RouteMatch();
        switch (match.Path.Kind)
        {
            case PathKind.Exact:
                route.Path = match.Path.Value;
                break;
            case PathKind.Regex:
                route.SafeRegex = new RegexMatcher { Regex = match.Path.Value };
                break;
            default:
                route.Prefix = match.Path.Value;
                break;
        }

        foreach (var header in match.Headers)
        {
            route.Headers.Add(Header(header));
        }

        foreach (var query in match.Query)
        {
            route.QueryParameters.Add(query.Exact is { } exact
                ? new QueryParameterMatcher { Name = query.Name, StringMatch = new StringMatcher { Exact = exact } }
                : new QueryParameterMatcher { Name = query.Name, PresentMatch = true });
        }

        return route;
    }

    public static HeaderMatcher Header(HeaderCondition condition)
    {
        // Header names are case-insensitive; HTTP/2, gRPC metadata and Envoy's header maps are lower case.
        var header = new HeaderMatcher { Name = condition.Name.ToLowerInvariant(), InvertMatch = condition.Invert };
        switch (condition.Kind)
        {
            case HeaderMatchKind.Exact:
                header.StringMatch = new StringMatcher { Exact = condition.Value };
                break;
            case HeaderMatchKind.Prefix:
                header.StringMatch = new StringMatcher { Prefix = condition.Value };
                break;
            case HeaderMatchKind.Suffix:
                header.StringMatch = new StringMatcher { Suffix = condition.Value };
                break;
            case HeaderMatchKind.Regex:
                header.StringMatch = new StringMatcher { SafeRegex = new RegexMatcher { Regex = condition.Value } };
                break;
            case HeaderMatchKind.Range:
                // App Mesh's range, like Envoy's, includes start and excludes end.
                header.RangeMatch = new Int64Range { Start = condition.RangeStart, End = condition.RangeEnd };
                break;
            default:
                header.PresentMatch = true;
                break;
        }

        return header;
    }
}
