using System.Text.RegularExpressions;

namespace CloudMesh.Proxy.DataPlane.Translation;

/// <summary>A cluster and its share of traffic.</summary>
internal sealed record WeightedTarget(string Cluster, uint Weight);

/// <summary>The clusters of a route or TCP proxy with their weights; one target means no split.</summary>
internal sealed record TargetSet(IReadOnlyList<WeightedTarget> Targets, ulong TotalWeight)
{
    public static TargetSet Single(string cluster) => new([new WeightedTarget(cluster, 1)], 1);

    /// <summary>Picks a cluster: the single one, or by weight with a uniform draw.</summary>
    public string Pick()
    {
        if (Targets.Count == 1)
        {
            return Targets[0].Cluster;
        }

        var draw = (ulong)Random.Shared.NextInt64((long)TotalWeight);
        foreach (var target in Targets)
        {
            if (draw < target.Weight)
            {
                return target.Cluster;
            }

            draw -= target.Weight;
        }

        return Targets[^1].Cluster;
    }
}

/// <summary>When and how often a route retries.</summary>
/// <param name="On">The retry_on conditions.</param>
/// <param name="NumRetries">Retries after the first try.</param>
/// <param name="PerTryTimeout">Each try's timeout, or null for none (the route's timeout still applies).</param>
/// <param name="RetriableStatusCodes">Codes retried under retriable-status-codes.</param>
internal sealed record RetryPlan(RetryOn On, int NumRetries, TimeSpan? PerTryTimeout, IReadOnlySet<int> RetriableStatusCodes);

/// <summary>Envoy's retry_on tokens this data plane honours.</summary>
[Flags]
internal enum RetryOn
{
    None = 0,
    ServerError = 1 << 0,
    GatewayError = 1 << 1,
    Reset = 1 << 2,
    ConnectFailure = 1 << 3,
    Retriable4xx = 1 << 4,
    RefusedStream = 1 << 5,
    RetriableStatusCodes = 1 << 6,
    GrpcCancelled = 1 << 7,
    GrpcDeadlineExceeded = 1 << 8,
    GrpcInternal = 1 << 9,
    GrpcResourceExhausted = 1 << 10,
    GrpcUnavailable = 1 << 11,
}

/// <summary>A regex rewrite of the path: every match of <paramref name="Pattern"/> becomes <paramref name="Substitution"/>.</summary>
internal sealed record RegexRewrite(Regex Pattern, string Substitution);

/// <summary>What a matched route does: forward to clusters. <c>MatchedPrefix</c> is what prefix_rewrite replaces (the prefix, or the whole path of a path match).</summary>
internal sealed record RouteActionPlan(
    TargetSet Targets,
    TimeSpan? Timeout,
    TimeSpan? IdleTimeout,
    RetryPlan? Retry,
    string? PrefixRewrite,
    string? MatchedPrefix,
    RegexRewrite? RegexRewrite,
    string? HostRewriteLiteral,
    bool AutoHostRewrite);

/// <summary>A direct response (status and optional body).</summary>
internal sealed record DirectResponsePlan(int Status, string? Body);

/// <summary>One route: its match and either an action or a direct response.</summary>
internal sealed record RoutePlan(string Name, RouteMatcher Match, RouteActionPlan? Action, DirectResponsePlan? Direct);

/// <summary>A virtual host: its name and routes in order.</summary>
internal sealed record VirtualHostPlan(string Name, IReadOnlyList<RoutePlan> Routes);
