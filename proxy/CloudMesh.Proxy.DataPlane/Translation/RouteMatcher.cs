using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace CloudMesh.Proxy.DataPlane.Translation;

/// <summary>How a route's path is matched.</summary>
internal enum PathMatchKind
{
    Prefix,
    Exact,
    Regex,
}

/// <summary>
/// A compiled Envoy RouteMatch: path (prefix, exact or full-match regex, against the path without the query),
/// header matchers (pseudo headers <c>:method</c>, <c>:scheme</c>, <c>:authority</c>, <c>:path</c> included), query
/// parameter matchers and the gRPC content-type match. Immutable and allocation-free on the common paths.
/// </summary>
internal sealed class RouteMatcher(
    PathMatchKind kind,
    string path,
    Regex? regex,
    bool caseSensitive,
    IReadOnlyList<HeaderCondition> headers,
    IReadOnlyList<QueryCondition> query,
    bool grpcOnly)
{
    public bool Matches(HttpRequest request)
    {
        var requestPath = request.Path.Value ?? "/";
        var comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var pathMatches = kind switch
        {
            PathMatchKind.Prefix => requestPath.StartsWith(path, comparison),
            PathMatchKind.Exact => string.Equals(requestPath, path, comparison),
            _ => regex!.IsMatch(requestPath),
        };
        if (!pathMatches)
        {
            return false;
        }

        if (grpcOnly && !(request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return false;
        }

        foreach (var header in headers)
        {
            if (!header.Matches(request))
            {
                return false;
            }
        }

        foreach (var condition in query)
        {
            if (!condition.Matches(request))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>How a header or query value is compared.</summary>
internal enum ValueMatchKind
{
    Exact,
    Prefix,
    Suffix,
    Contains,
    Regex,
    Range,
    Present,
}

/// <summary>A string comparison as Envoy's StringMatcher (or a range or presence check).</summary>
internal sealed record ValueCondition(ValueMatchKind Kind, string Value, Regex? Regex, bool IgnoreCase, long RangeStart, long RangeEnd)
{
    public bool Matches(string value)
    {
        var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        switch (Kind)
        {
            case ValueMatchKind.Exact:
                return string.Equals(value, Value, comparison);
            case ValueMatchKind.Prefix:
                return value.StartsWith(Value, comparison);
            case ValueMatchKind.Suffix:
                return value.EndsWith(Value, comparison);
            case ValueMatchKind.Contains:
                return value.Contains(Value, comparison);
            case ValueMatchKind.Regex:
                return Regex!.IsMatch(value);
            case ValueMatchKind.Range:
                // Envoy: the whole value must be a signed integer in [start, end).
                return long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
                    && number >= RangeStart && number < RangeEnd;
            default:
                return true;
        }
    }
}

/// <summary>A header matcher: a condition on a header's (comma-joined) value, or its presence; optionally inverted.</summary>
internal sealed record HeaderCondition(string Name, ValueCondition Condition, bool PresentExpected, bool Invert)
{
    public bool Matches(HttpRequest request)
    {
        var value = Read(request, Name);
        bool result;
        if (Condition.Kind == ValueMatchKind.Present)
        {
            result = (value is not null) == PresentExpected;
        }
        else
        {
            result = value is not null && Condition.Matches(value);
        }

        return result != Invert;
    }

    private static string? Read(HttpRequest request, string name)
    {
        switch (name)
        {
            case ":method":
                return request.Method;
            case ":scheme":
                return request.Scheme;
            case ":authority":
                return request.Host.HasValue ? request.Host.Value : null;
            case ":path":
                return request.Path.Value + request.QueryString.Value;
        }

        if (!request.Headers.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        // Envoy joins repeated headers with "," before matching.
        return values.Count == 1 ? values[0] : string.Join(',', values.ToArray());
    }
}

/// <summary>A query parameter matcher: the first value of the parameter satisfies the condition, or the parameter is present.</summary>
internal sealed record QueryCondition(string Name, ValueCondition? Condition)
{
    public bool Matches(HttpRequest request)
    {
        if (!request.Query.TryGetValue(Name, out var values) || values.Count == 0)
        {
            return false;
        }

        return Condition is null || Condition.Matches(values[0] ?? "");
    }
}
