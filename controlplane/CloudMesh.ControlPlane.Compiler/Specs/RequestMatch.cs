using System.Text.Json;

namespace CloudMesh.ControlPlane.Compiler.Specs;

/// <summary>How a route matches the request path.</summary>
internal enum PathKind
{
    Prefix,
    Exact,
    Regex,
}

/// <summary>A path condition: a prefix, an exact path or a (RE2) regular expression over the whole path.</summary>
internal sealed record PathCondition(PathKind Kind, string Value)
{
    public static readonly PathCondition Everything = new(PathKind.Prefix, "/");
}

/// <summary>How a header (or gRPC metadata) matcher compares the value.</summary>
internal enum HeaderMatchKind
{
    Present,
    Exact,
    Prefix,
    Suffix,
    Regex,
    Range,
}

/// <summary>One header condition (HttpRouteHeader / GrpcRouteMetadata); method and scheme become pseudo-header conditions.</summary>
internal sealed record HeaderCondition(string Name, HeaderMatchKind Kind, string Value, long RangeStart, long RangeEnd, bool Invert)
{
    public static HeaderCondition Parse(JsonElement json, string name)
    {
        var invert = json.Bool("invert") ?? false;
        if (json.Object("match") is { } match)
        {
            if (match.String("exact") is { } exact)
            {
                return new HeaderCondition(name, HeaderMatchKind.Exact, exact, 0, 0, invert);
            }

            if (match.String("prefix") is { } prefix)
            {
                return new HeaderCondition(name, HeaderMatchKind.Prefix, prefix, 0, 0, invert);
            }

            if (match.String("suffix") is { } suffix)
            {
                return new HeaderCondition(name, HeaderMatchKind.Suffix, suffix, 0, 0, invert);
            }

            if (match.String("regex") is { } regex)
            {
                return new HeaderCondition(name, HeaderMatchKind.Regex, regex, 0, 0, invert);
            }

            if (match.Object("range") is { } range && range.Long("start") is { } start && range.Long("end") is { } end)
            {
                return new HeaderCondition(name, HeaderMatchKind.Range, "", start, end, invert);
            }
        }

        // No match method: App Mesh matches on the header's presence.
        return new HeaderCondition(name, HeaderMatchKind.Present, "", 0, 0, invert);
    }

    public static HeaderCondition Equals(string name, string value) => new(name, HeaderMatchKind.Exact, value, 0, 0, false);
}

/// <summary>A query parameter condition: present, or equal to <see cref="Exact"/>.</summary>
internal sealed record QueryCondition(string Name, string? Exact);

/// <summary>
/// A request match normalized from any App Mesh route kind: gRPC service/method become a path, method
/// and scheme become <c>:method</c>/<c>:scheme</c> conditions, so one translator serves every kind.
/// </summary>
internal sealed record RequestMatch(PathCondition Path, IReadOnlyList<HeaderCondition> Headers, IReadOnlyList<QueryCondition> Query)
{
    public static readonly RequestMatch Everything = new(PathCondition.Everything, [], []);

    /// <summary>Reads an HttpRouteMatch or HttpGatewayRouteMatch.</summary>
    public static RequestMatch ParseHttp(JsonElement match)
    {
        PathCondition path;
        if (match.Object("path") is { } p && p.String("exact") is { } exact)
        {
            path = new PathCondition(PathKind.Exact, exact);
        }
        else if (match.Object("path") is { } r && r.String("regex") is { } regex)
        {
            path = new PathCondition(PathKind.Regex, regex);
        }
        else
        {
            path = match.String("prefix") is { Length: > 0 } prefix ? new PathCondition(PathKind.Prefix, prefix) : PathCondition.Everything;
        }

        var headers = new List<HeaderCondition>();
        foreach (var header in match.Objects("headers"))
        {
            if (header.String("name") is { } name)
            {
                headers.Add(HeaderCondition.Parse(header, name));
            }
        }

        if (match.String("method") is { } method)
        {
            headers.Add(HeaderCondition.Equals(":method", method));
        }

        if (match.String("scheme") is { } scheme)
        {
            headers.Add(HeaderCondition.Equals(":scheme", scheme));
        }

        var query = new List<QueryCondition>();
        foreach (var parameter in match.Objects("queryParameters"))
        {
            if (parameter.String("name") is { } name)
            {
                query.Add(new QueryCondition(name, parameter.Object("match")?.String("exact")));
            }
        }

        return new RequestMatch(path, headers, query);
    }

    /// <summary>Reads a GrpcRouteMatch or GrpcGatewayRouteMatch: gRPC calls are POSTs to /Service/Method.</summary>
    public static RequestMatch ParseGrpc(JsonElement match)
    {
        var service = match.String("serviceName");
        var method = match.String("methodName");
        var path = (service, method) switch
        {
            ({ } s, { } m) => new PathCondition(PathKind.Exact, $"/{s}/{m}"),
            ({ } s, null) => new PathCondition(PathKind.Prefix, $"/{s}/"),
            _ => PathCondition.Everything,
        };

        var headers = new List<HeaderCondition>();
        foreach (var metadata in match.Objects("metadata"))
        {
            if (metadata.String("name") is { } name)
            {
                headers.Add(HeaderCondition.Parse(metadata, name));
            }
        }

        return new RequestMatch(path, headers, []);
    }
}
