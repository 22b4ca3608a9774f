using CloudMesh.ControlPlane.Compiler.Specs;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Type.V3;
using HealthCheck = Envoy.Config.Core.V3.HealthCheck;
using HttpProtocolOptions = Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>Listener policies as cluster settings: HTTP/2 upstreams, health checks, outlier detection, circuit breakers.</summary>
internal static class ClusterPolicies
{
    /// <summary>http2 and grpc listeners are spoken to in HTTP/2 (prior knowledge), the rest in HTTP/1.1 or raw TCP.</summary>
    public static void UseProtocol(Cluster cluster, PortProtocol protocol)
    {
        if (protocol.IsHttp2())
        {
            cluster.TypedExtensionProtocolOptions[Xds.HttpProtocolOptionsKey] = Xds.Pack(new HttpProtocolOptions
            {
                ExplicitHttpConfig = new HttpProtocolOptions.Types.ExplicitHttpConfig { Http2ProtocolOptions = new Http2ProtocolOptions() },
            });
        }
    }

    public static HealthCheck HealthCheck(HealthCheckSpec spec)
    {
        var check = new HealthCheck
        {
            Timeout = Xds.Millis(spec.TimeoutMillis),
            Interval = Xds.Millis(spec.IntervalMillis),
            HealthyThreshold = (uint)Math.Max(spec.HealthyThreshold, 1),
            UnhealthyThreshold = (uint)Math.Max(spec.UnhealthyThreshold, 1),
        };
        switch (spec.Protocol)
        {
            case PortProtocol.Http:
            case PortProtocol.Http2:
                check.HttpHealthCheck = new HealthCheck.Types.HttpHealthCheck
                {
                    // Envoy requires a path; App Mesh's API requires one for http(2) checks anyway.
                    Path = string.IsNullOrEmpty(spec.Path) ? "/" : spec.Path,
                    CodecClientType = spec.Protocol == PortProtocol.Http2 ? CodecClientType.Http2 : CodecClientType.Http1,
                };
                break;
            case PortProtocol.Grpc:
                check.GrpcHealthCheck = new HealthCheck.Types.GrpcHealthCheck();
                break;
            default:
                // An empty TCP check only proves the port accepts connections, which is what App Mesh's tcp check does.
                check.TcpHealthCheck = new HealthCheck.Types.TcpHealthCheck();
                break;
        }

        return check;
    }

    /// <summary>
    /// App Mesh ejects on consecutive server errors only; Envoy's success-rate ejection (on by default,
    /// also in gRPC's xDS client) is switched off so the policy means what the user declared.
    /// </summary>
    public static OutlierDetection OutlierDetection(OutlierDetectionSpec spec) => new()
    {
        Consecutive5Xx = (uint)Math.Min(spec.MaxServerErrors, uint.MaxValue),
        Interval = Xds.Millis(spec.IntervalMillis),
        BaseEjectionTime = Xds.Millis(spec.BaseEjectionMillis),
        MaxEjectionPercent = (uint)Math.Clamp(spec.MaxEjectionPercent, 0, 100),
        EnforcingSuccessRate = 0,
    };

    public static CircuitBreakers CircuitBreakers(ConnectionPoolSpec pool)
    {
        var thresholds = new CircuitBreakers.Types.Thresholds { Priority = RoutingPriority.Default };
        if (pool.MaxConnections is { } connections)
        {
            thresholds.MaxConnections = (uint)connections;
        }

        if (pool.MaxPendingRequests is { } pending)
        {
            thresholds.MaxPendingRequests = (uint)pending;
        }

        if (pool.MaxRequests is { } requests)
        {
            thresholds.MaxRequests = (uint)requests;
        }

        return new CircuitBreakers { Thresholds = { thresholds } };
    }
}
