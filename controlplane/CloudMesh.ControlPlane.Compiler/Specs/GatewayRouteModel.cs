using System.Text.Json;

namespace CloudMesh.ControlPlane.Compiler.Specs;

/// <summary>A gateway route's hostname match (GatewayRouteHostnameMatch): exactly one member is set.</summary>
internal sealed record HostnameMatch(string? Exact, string? Suffix)
{
    public static HostnameMatch? Parse(JsonElement? element)
    {
        if (element is not { } json)
        {
            return null;
        }

        if (json.String("exact") is { Length: > 0 } exact)
        {
            return new HostnameMatch(exact.ToLowerInvariant(), null);
        }

        return json.String("suffix") is { Length: > 0 } suffix ? new HostnameMatch(null, suffix.ToLowerInvariant()) : null;
    }

    /// <summary>True when every host this match accepts is also accepted by <paramref name="other"/> (null accepts all).</summary>
    public bool IsCoveredBy(HostnameMatch? other) => other switch
    {
        null => true,
        { Exact: { } e } => Exact == e,
        { Suffix: { } s } => (Exact ?? Suffix!).EndsWith(s, StringComparison.Ordinal),
        _ => false,
    };
}

/// <summary>How a gateway route's prefix rewrite behaves.</summary>
internal enum PrefixRewriteMode
{
    /// <summary>No rewrite given, or defaultPrefix ENABLED: the matched prefix becomes "/" (App Mesh's default).</summary>
    Default,

    /// <summary>defaultPrefix DISABLED: the path is forwarded unchanged.</summary>
    Disabled,

    /// <summary>value: the matched prefix becomes the value.</summary>
    Value,
}

/// <summary>A gateway route's rewrites (HttpGatewayRouteRewrite / GrpcGatewayRouteRewrite).</summary>
/// <param name="HostnameToTarget">hostname.defaultTargetHostname ENABLED (the default): Host becomes the target virtual service's name.</param>
/// <param name="PrefixMode">How a prefix match is rewritten.</param>
/// <param name="PrefixValue">prefix.value, for <see cref="PrefixRewriteMode.Value"/>.</param>
/// <param name="Path">path.exact: the new path for an exact path match.</param>
internal sealed record GatewayRewrite(bool HostnameToTarget, PrefixRewriteMode PrefixMode, string? PrefixValue, string? Path)
{
    public static readonly GatewayRewrite None = new(true, PrefixRewriteMode.Disabled, null, null);

    public static GatewayRewrite Parse(JsonElement? rewrite, bool http)
    {
        var hostname = rewrite?.Object("hostname")?.String("defaultTargetHostname") != "DISABLED";
        if (!http)
        {
            return None with { HostnameToTarget = hostname };
        }

        var prefix = rewrite?.Object("prefix");
        var (mode, value) = prefix switch
        {
            { } p when p.String("value") is { } v => (PrefixRewriteMode.Value, v),
            { } p when p.String("defaultPrefix") == "DISABLED" => (PrefixRewriteMode.Disabled, (string?)null),
            _ => (PrefixRewriteMode.Default, null),
        };
        return new GatewayRewrite(hostname, mode, value, rewrite?.Object("path")?.String("exact"));
    }
}

/// <summary>A gateway route, parsed once.</summary>
/// <param name="Gateway">The virtual gateway it belongs to.</param>
/// <param name="Name">Its name.</param>
/// <param name="Priority">As for routes.</param>
/// <param name="Kind">httpRoute, http2Route or grpcRoute.</param>
/// <param name="Match">The normalized request match (hostname aside).</param>
/// <param name="Hostname">match.hostname.</param>
/// <param name="MatchPort">match.port: the gateway listener it applies to.</param>
/// <param name="TargetService">action.target.virtualService.virtualServiceName.</param>
/// <param name="TargetPort">action.target.port: the provider's listener when it has several.</param>
/// <param name="Rewrite">action.rewrite.</param>
internal sealed record GatewayRouteModel(
    string Gateway,
    string Name,
    int? Priority,
    PortProtocol Kind,
    RequestMatch Match,
    HostnameMatch? Hostname,
    int? MatchPort,
    string TargetService,
    int? TargetPort,
    GatewayRewrite Rewrite) : IPrioritized
{
    public static GatewayRouteModel? Parse(string gateway, string name, JsonElement spec)
    {
        var priority = spec.Int("priority");
        foreach (var (member, kind) in new[] { ("httpRoute", PortProtocol.Http), ("http2Route", PortProtocol.Http2), ("grpcRoute", PortProtocol.Grpc) })
        {
            if (spec.Object(member) is not { } route)
            {
                continue;
            }

            var match = route.Object("match") ?? default;
            var action = route.Object("action");
            if (action?.Object("target") is not { } target
                || target.Object("virtualService")?.String("virtualServiceName") is not { } service)
            {
                return null;
            }

            var http = kind != PortProtocol.Grpc;
            return new GatewayRouteModel(
                gateway,
                name,
                priority,
                kind,
                http ? RequestMatch.ParseHttp(match) : RequestMatch.ParseGrpc(match),
                HostnameMatch.Parse(match.Object("hostname")),
                match.Int("port"),
                service,
                target.Int("port"),
                GatewayRewrite.Parse(action.Value.Object("rewrite"), http));
        }

        return null;
    }
}
