using System.Text.Json;

namespace CloudMesh.ControlPlane.Compiler.Specs;

/// <summary>A weighted target of a route action: a virtual node, and its listener port when it has several.</summary>
internal sealed record WeightedTargetSpec(string VirtualNode, int Weight, int? Port);

/// <summary>A retry policy (HttpRetryPolicy / GrpcRetryPolicy); event names as App Mesh spells them.</summary>
internal sealed record RetryPolicySpec(
    IReadOnlyList<string> HttpEvents,
    IReadOnlyList<string> TcpEvents,
    IReadOnlyList<string> GrpcEvents,
    long MaxRetries,
    long? PerRetryTimeoutMillis)
{
    public static RetryPolicySpec? Parse(JsonElement? element)
    {
        if (element is not { } json || json.Long("maxRetries") is not { } maxRetries)
        {
            return null;
        }

        return new RetryPolicySpec(
            json.Strings("httpRetryEvents"),
            json.Strings("tcpRetryEvents"),
            json.Strings("grpcRetryEvents"),
            maxRetries,
            json.DurationMillis("perRetryTimeout"));
    }
}

/// <summary>A route of a virtual router, parsed once; <see cref="Kind"/> says which of the four route members it came from.</summary>
/// <param name="Router">The virtual router it belongs to.</param>
/// <param name="Name">The route's name.</param>
/// <param name="Priority">0 (first) to 1000; null when unspecified (after every specified one).</param>
/// <param name="Kind">httpRoute, http2Route, grpcRoute or tcpRoute.</param>
/// <param name="Match">The normalized request match (<see cref="RequestMatch.Everything"/> for TCP).</param>
/// <param name="MatchPort">match.port: the router listener it applies to; null applies to every listener of its protocol.</param>
/// <param name="Targets">action.weightedTargets.</param>
/// <param name="Retry">retryPolicy, if any.</param>
/// <param name="Timeout">timeout, if any.</param>
internal sealed record RouteModel(
    string Router,
    string Name,
    int? Priority,
    PortProtocol Kind,
    RequestMatch Match,
    int? MatchPort,
    IReadOnlyList<WeightedTargetSpec> Targets,
    RetryPolicySpec? Retry,
    TimeoutSpec? Timeout) : IPrioritized
{
    public static RouteModel? Parse(string router, string name, JsonElement spec)
    {
        var priority = spec.Int("priority");
        if (spec.Object("httpRoute") is { } http)
        {
            return ParseHttp(router, name, priority, PortProtocol.Http, http);
        }

        if (spec.Object("http2Route") is { } http2)
        {
            return ParseHttp(router, name, priority, PortProtocol.Http2, http2);
        }

        if (spec.Object("grpcRoute") is { } grpc)
        {
            var match = grpc.Object("match") ?? default;
            return new RouteModel(
                router, name, priority, PortProtocol.Grpc, RequestMatch.ParseGrpc(match), match.Int("port"),
                ParseTargets(grpc), RetryPolicySpec.Parse(grpc.Object("retryPolicy")), TimeoutSpec.Parse(grpc.Object("timeout")));
        }

        if (spec.Object("tcpRoute") is { } tcp)
        {
            return new RouteModel(
                router, name, priority, PortProtocol.Tcp, RequestMatch.Everything, tcp.Object("match")?.Int("port"),
                ParseTargets(tcp), null, TimeoutSpec.Parse(tcp.Object("timeout")));
        }

        return null;
    }

    private static RouteModel ParseHttp(string router, string name, int? priority, PortProtocol kind, JsonElement route)
    {
        var match = route.Object("match") ?? default;
        return new RouteModel(
            router, name, priority, kind, RequestMatch.ParseHttp(match), match.Int("port"),
            ParseTargets(route), RetryPolicySpec.Parse(route.Object("retryPolicy")), TimeoutSpec.Parse(route.Object("timeout")));
    }

    private static List<WeightedTargetSpec> ParseTargets(JsonElement route)
    {
        var targets = new List<WeightedTargetSpec>();
        foreach (var target in route.Object("action")?.Objects("weightedTargets") ?? [])
        {
            if (target.String("virtualNode") is { } node && target.Int("weight") is { } weight)
            {
                targets.Add(new WeightedTargetSpec(node, weight, target.Int("port")));
            }
        }

        return targets;
    }
}
