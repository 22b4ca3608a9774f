using CloudMesh.Xds;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;
using Google.Protobuf.WellKnownTypes;
using HttpProtocolOptions = Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions;

namespace CloudMesh.Proxy.DataPlane.Translation;

/// <summary>CDS clusters (with their EDS assignments) as <see cref="ClusterPlan"/>s; what would change behaviour and is not supported is rejected.</summary>
internal static class ClusterTranslator
{
    private const string HttpProtocolOptionsKey = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

    /// <summary>Envoy's default connect timeout.</summary>
    private static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Envoy's default DNS refresh rate.</summary>
    private static readonly TimeSpan DefaultDnsRefresh = TimeSpan.FromSeconds(5);

    public static ClusterPlan Translate(Cluster cluster, ClusterLoadAssignment? assignment, ITlsMaterialSource tls)
    {
        if (cluster.TransportSocketMatches.Count > 0)
        {
            throw new PlanRejection($"cluster {cluster.Name}: transport_socket_matches are not supported");
        }

        var secure = cluster.TransportSocket is { } socket ? TlsTranslator.Upstream($"cluster {cluster.Name}", socket, tls) : null;

        if (cluster.ClusterDiscoveryTypeCase == Cluster.ClusterDiscoveryTypeOneofCase.ClusterType)
        {
            throw new PlanRejection($"cluster {cluster.Name}: custom cluster types are not supported");
        }

        var kind = cluster.Type switch
        {
            Cluster.Types.DiscoveryType.Static => ClusterKind.Static,
            Cluster.Types.DiscoveryType.StrictDns => ClusterKind.StrictDns,
            Cluster.Types.DiscoveryType.LogicalDns => ClusterKind.LogicalDns,
            Cluster.Types.DiscoveryType.Eds => ClusterKind.Eds,
            Cluster.Types.DiscoveryType.OriginalDst => ClusterKind.OriginalDestination,
            _ => throw new PlanRejection($"cluster {cluster.Name}: discovery type {cluster.Type} is not supported"),
        };

        var random = cluster.LbPolicy switch
        {
            Cluster.Types.LbPolicy.RoundRobin => false,
            Cluster.Types.LbPolicy.Random => true,
            Cluster.Types.LbPolicy.ClusterProvided when kind == ClusterKind.OriginalDestination => false,
            _ => throw new PlanRejection($"cluster {cluster.Name}: lb_policy {cluster.LbPolicy} is not supported"),
        };

        var endpoints = kind switch
        {
            ClusterKind.Eds => assignment is null ? [] : Endpoints(cluster.Name, assignment),
            ClusterKind.OriginalDestination => [],
            _ => cluster.LoadAssignment is null ? [] : Endpoints(cluster.Name, cluster.LoadAssignment),
        };
        if (kind is ClusterKind.Static or ClusterKind.Eds && endpoints.FirstOrDefault(e => !System.Net.IPAddress.TryParse(e.Host, out _)) is { } named)
        {
            throw new PlanRejection($"cluster {cluster.Name}: {named.Host} is not an IP address ({kind} endpoints are never resolved)");
        }

        if (kind == ClusterKind.LogicalDns && endpoints.Count != 1)
        {
            throw new PlanRejection($"cluster {cluster.Name}: a LOGICAL_DNS cluster needs exactly one endpoint");
        }

        return new ClusterPlan(
            cluster.Name,
            kind,
            endpoints,
            UsesHttp2(cluster),
            random,
            cluster.ConnectTimeout is { } connect ? connect.ToTimeSpan() : DefaultConnectTimeout,
            cluster.DnsRefreshRate is { } refresh && refresh.ToTimeSpan() > TimeSpan.Zero ? refresh.ToTimeSpan() : DefaultDnsRefresh,
            cluster.DnsLookupFamily,
            CircuitBreakers(cluster),
            Outlier(cluster),
            HealthCheck(cluster),
            secure);
    }

    private static List<EndpointPlan> Endpoints(string cluster, ClusterLoadAssignment assignment)
    {
        var result = new List<EndpointPlan>();
        foreach (var locality in assignment.Endpoints)
        {
            foreach (var lbEndpoint in locality.LbEndpoints)
            {
                // Envoy routes to HEALTHY, UNKNOWN and DEGRADED hosts; UNHEALTHY, DRAINING and TIMEOUT ones get nothing.
                if (lbEndpoint.HealthStatus is HealthStatus.Unhealthy or HealthStatus.Draining or HealthStatus.Timeout)
                {
                    continue;
                }

                if (lbEndpoint.Endpoint?.Address?.SocketAddress is not { } socket)
                {
                    throw new PlanRejection($"cluster {cluster}: endpoints must be socket addresses");
                }

                if (socket.PortSpecifierCase != SocketAddress.PortSpecifierOneofCase.PortValue)
                {
                    throw new PlanRejection($"cluster {cluster}: named ports are not supported");
                }

                var weight = lbEndpoint.LoadBalancingWeight ?? 1;
                result.Add(new EndpointPlan(socket.Address, (int)socket.PortValue, weight == 0 ? 1 : weight));
            }
        }

        return result;
    }

    private static bool UsesHttp2(Cluster cluster)
    {
#pragma warning disable CS0612 // the deprecated field still means HTTP/2 upstream
        if (cluster.Http2ProtocolOptions is not null)
        {
            return true;
        }
#pragma warning restore CS0612

        if (cluster.TypedExtensionProtocolOptions.TryGetValue(HttpProtocolOptionsKey, out var any) && XdsMessageTypes.HttpProtocolOptions.TryUnpack(any, out var options))
        {
            return options.ExplicitHttpConfig?.Http2ProtocolOptions is not null;
        }

        return false;
    }

    private static CircuitBreakerPlan CircuitBreakers(Cluster cluster)
    {
        var thresholds = cluster.CircuitBreakers?.Thresholds.FirstOrDefault(t => t.Priority == RoutingPriority.Default);
        if (thresholds is null)
        {
            return CircuitBreakerPlan.Default;
        }

        var defaults = CircuitBreakerPlan.Default;
        return new CircuitBreakerPlan(
            Clamp(thresholds.MaxConnections, defaults.MaxConnections),
            Clamp(thresholds.MaxPendingRequests, defaults.MaxPendingRequests),
            Clamp(thresholds.MaxRequests, defaults.MaxRequests),
            Clamp(thresholds.MaxRetries, defaults.MaxRetries));
    }

    private static int Clamp(uint? value, int fallback) => value is { } v ? (int)Math.Min(v, int.MaxValue) : fallback;

    private static OutlierPlan? Outlier(Cluster cluster)
    {
        if (cluster.OutlierDetection is not { } outlier)
        {
            return null;
        }

        if (outlier.EnforcingSuccessRate is not { } rate || rate != 0)
        {
            // Envoy's success-rate ejection is on by default; only consecutive-5xx is implemented here.
            throw new PlanRejection($"cluster {cluster.Name}: outlier detection with success-rate ejection is not supported (set enforcing_success_rate to 0)");
        }

        return new OutlierPlan(
            (int)(outlier.Consecutive5Xx ?? 5),
            outlier.Interval?.ToTimeSpan() ?? TimeSpan.FromSeconds(10),
            outlier.BaseEjectionTime?.ToTimeSpan() ?? TimeSpan.FromSeconds(30),
            (int)(outlier.MaxEjectionPercent ?? 10));
    }

    private static HealthCheckPlan? HealthCheck(Cluster cluster)
    {
        if (cluster.HealthChecks.Count == 0)
        {
            return null;
        }

        if (cluster.HealthChecks.Count > 1)
        {
            throw new PlanRejection($"cluster {cluster.Name}: more than one health check is not supported");
        }

        var check = cluster.HealthChecks[0];
        string? path;
        var http2 = false;
        switch (check.HealthCheckerCase)
        {
            case Envoy.Config.Core.V3.HealthCheck.HealthCheckerOneofCase.HttpHealthCheck:
                path = check.HttpHealthCheck.Path;
                http2 = check.HttpHealthCheck.CodecClientType == Envoy.Type.V3.CodecClientType.Http2;
                break;
            case Envoy.Config.Core.V3.HealthCheck.HealthCheckerOneofCase.TcpHealthCheck when check.TcpHealthCheck.Send is null:
                path = null;
                break;
            default:
                throw new PlanRejection($"cluster {cluster.Name}: only HTTP and plain TCP health checks are supported");
        }

        return new HealthCheckPlan(
            path,
            http2,
            Positive(check.Interval, TimeSpan.FromSeconds(5)),
            Positive(check.Timeout, TimeSpan.FromSeconds(2)),
            (int)Math.Max(check.HealthyThreshold ?? 1, 1),
            (int)Math.Max(check.UnhealthyThreshold ?? 1, 1));
    }

    private static TimeSpan Positive(Duration? duration, TimeSpan fallback) =>
        duration is { } d && d.ToTimeSpan() > TimeSpan.Zero ? d.ToTimeSpan() : fallback;
}
