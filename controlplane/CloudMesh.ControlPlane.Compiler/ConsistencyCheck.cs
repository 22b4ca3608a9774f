using System.Globalization;
using System.Runtime.CompilerServices;
using CloudMesh.ControlPlane.Model;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.ControlPlane.Compiler;

/// <summary>
/// Checks a proxy configuration for dangling references before it is published (as go-control-plane's
/// snapshot consistency check does): a proxy given a route to a cluster it never receives, or an EDS
/// cluster without endpoints, waits or fails in ways that are hard to diagnose from the outside.
/// </summary>
public static class ConsistencyCheck
{
    // The filter configurations checked, parsed once per packed instance: the compiler shares one packed HTTP
    // connection manager among many proxies and versions, and parsing it again for each was most of this check's cost.
    private static readonly ConditionalWeakTable<Any, ParsedFilter> Parsed = new();

    /// <summary>
    /// The problems found, as human-readable sentences; empty when every cluster referenced by a listener
    /// or route exists, every route configuration referenced by a listener exists, every EDS cluster has a
    /// ClusterLoadAssignment, and no resource name is used twice in a list.
    /// </summary>
    /// <param name="config">The configuration to check.</param>
    public static IReadOnlyList<string> Verify(ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        var clusters = Names(config.Clusters.Select(c => c.Name), "cluster", problems);
        var routes = Names(config.RouteConfigurations.Select(r => r.Name), "route configuration", problems);
        var assignments = Names(config.ClusterLoadAssignments.Select(a => a.ClusterName), "cluster load assignment", problems);
        Names(config.Listeners.Select(l => l.Name), "listener", problems);
        Names(config.ApiListeners.Select(l => l.Name), "API listener", problems);

        foreach (var listener in config.Listeners.Concat(config.ApiListeners))
        {
            var chains = listener.FilterChains.AsEnumerable();
            if (listener.DefaultFilterChain is not null)
            {
                chains = chains.Append(listener.DefaultFilterChain);
            }

            foreach (var chain in chains)
            {
                foreach (var filter in chain.Filters)
                {
                    var where = new Where("listener '{0}' filter chain '{1}'", listener.Name, chain.Name);
                    switch (Parse(filter.TypedConfig))
                    {
                        case HttpConnectionManager manager:
                            CheckManager(where, manager, clusters, routes, problems);
                            break;
                        case TcpProxy proxy:
                            CheckTcpProxy(where, proxy, clusters, problems);
                            break;
                    }
                }
            }

            if (Parse(listener.ApiListener?.ApiListener_) is HttpConnectionManager apiManager)
            {
                CheckManager(new Where("API listener '{0}'", listener.Name), apiManager, clusters, routes, problems);
            }
        }

        foreach (var route in config.RouteConfigurations)
        {
            CheckRouteConfiguration(new Where("route configuration '{0}'", route.Name), route, clusters, problems);
        }

        foreach (var cluster in config.Clusters)
        {
            if (cluster.Type != Cluster.Types.DiscoveryType.Eds)
            {
                continue;
            }

            var serviceName = string.IsNullOrEmpty(cluster.EdsClusterConfig?.ServiceName) ? cluster.Name : cluster.EdsClusterConfig.ServiceName;
            if (!assignments.Contains(serviceName))
            {
                problems.Add($"EDS cluster '{cluster.Name}' has no cluster load assignment '{serviceName}'");
            }
        }

        return problems;
    }

    /// <summary>
    /// The HTTP connection manager or TCP proxy packed in <paramref name="packed"/> (null for anything else), from the
    /// cache when this instance was parsed before and still holds the same bytes (bytes and type URL are immutable,
    /// so comparing them makes a changed Any parse again).
    /// </summary>
    private static IMessage? Parse(Any? packed)
    {
        if (packed is null)
        {
            return null;
        }

        if (Parsed.TryGetValue(packed, out var parsed)
            && ReferenceEquals(parsed.Value, packed.Value)
            && string.Equals(parsed.TypeUrl, packed.TypeUrl, StringComparison.Ordinal))
        {
            return parsed.Message;
        }

        IMessage? message = packed.Is(HttpConnectionManager.Descriptor) ? packed.Unpack<HttpConnectionManager>()
            : packed.Is(TcpProxy.Descriptor) ? packed.Unpack<TcpProxy>()
            : null;
        Parsed.AddOrUpdate(packed, new ParsedFilter(packed.Value, packed.TypeUrl, message));
        return message;
    }

    private sealed record ParsedFilter(ByteString Value, string TypeUrl, IMessage? Message);

    private static HashSet<string> Names(IEnumerable<string> names, string kind, List<string> problems)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!set.Add(name))
            {
                problems.Add($"{kind} name '{name}' is used more than once");
            }
        }

        return set;
    }

    private static void CheckManager(Where where, HttpConnectionManager manager, HashSet<string> clusters, HashSet<string> routes, List<string> problems)
    {
        switch (manager.RouteSpecifierCase)
        {
            case HttpConnectionManager.RouteSpecifierOneofCase.Rds:
                if (!routes.Contains(manager.Rds.RouteConfigName))
                {
                    problems.Add($"{where} references route configuration '{manager.Rds.RouteConfigName}', which does not exist");
                }

                break;
            case HttpConnectionManager.RouteSpecifierOneofCase.RouteConfig:
                CheckRouteConfiguration(where.Then(" (inline routes)"), manager.RouteConfig, clusters, problems);
                break;
            default:
                problems.Add($"{where} has an HTTP connection manager without routes");
                break;
        }
    }

    private static void CheckTcpProxy(Where where, TcpProxy proxy, HashSet<string> clusters, List<string> problems)
    {
        if (proxy.ClusterSpecifierCase == TcpProxy.ClusterSpecifierOneofCase.Cluster)
        {
            Require(where, proxy.Cluster, clusters, problems);
        }
        else if (proxy.WeightedClusters is { } weighted)
        {
            foreach (var cluster in weighted.Clusters)
            {
                Require(where, cluster.Name, clusters, problems);
            }
        }
        else
        {
            problems.Add($"{where} has a TCP proxy without a cluster");
        }
    }

    private static void CheckRouteConfiguration(Where where, RouteConfiguration route, HashSet<string> clusters, List<string> problems)
    {
        foreach (var host in route.VirtualHosts)
        {
            foreach (var entry in host.Routes)
            {
                if (entry.ActionCase != Route.ActionOneofCase.Route_)
                {
                    continue;
                }

                var at = where.Then(" virtual host '{0}' route '{1}'", host.Name, entry.Name);
                var action = entry.Route_;
                if (action.ClusterSpecifierCase == RouteAction.ClusterSpecifierOneofCase.Cluster)
                {
                    Require(at, action.Cluster, clusters, problems);
                }
                else if (action.ClusterSpecifierCase == RouteAction.ClusterSpecifierOneofCase.WeightedClusters)
                {
                    long total = 0;
                    foreach (var weighted in action.WeightedClusters.Clusters)
                    {
                        Require(at, weighted.Name, clusters, problems);
                        total += weighted.Weight ?? 0;
                    }

                    if (total == 0)
                    {
                        problems.Add($"{at} splits traffic with weights that sum to 0");
                    }
                }
            }
        }
    }

    private static void Require(Where where, string cluster, HashSet<string> clusters, List<string> problems)
    {
        if (!clusters.Contains(cluster))
        {
            problems.Add($"{where} references cluster '{cluster}', which does not exist");
        }
    }

    /// <summary>
    /// Where in a config a problem is, formatted only when there is one: every identity of every mesh version is
    /// checked, and formatting the location of each route it walked past was a good part of the check's cost. At most
    /// three nested parts (listener, inline routes, virtual host and route), held without allocating.
    /// </summary>
    private readonly record struct Where(string Format, string A, string? B = null, string? Format2 = null, string? A2 = null, string? B2 = null,
        string? Format3 = null, string? A3 = null, string? B3 = null)
    {
        public Where Then(string format, string a = "", string? b = null) =>
            Format2 is null ? this with { Format2 = format, A2 = a, B2 = b }
            : Format3 is null ? this with { Format3 = format, A3 = a, B3 = b }
            : throw new InvalidOperationException("A location has at most three parts.");

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, Format, A, B)
            + (Format2 is null ? "" : string.Format(CultureInfo.InvariantCulture, Format2, A2, B2))
            + (Format3 is null ? "" : string.Format(CultureInfo.InvariantCulture, Format3, A3, B3));
    }
}
