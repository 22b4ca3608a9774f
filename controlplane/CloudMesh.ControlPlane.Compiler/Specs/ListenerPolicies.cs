using System.Text.Json;

namespace CloudMesh.ControlPlane.Compiler.Specs;

/// <summary>A listener or route timeout (HttpTimeout / GrpcTimeout / TcpTimeout), in milliseconds.</summary>
internal sealed record TimeoutSpec(long? PerRequestMillis, long? IdleMillis)
{
    public static TimeoutSpec? Parse(JsonElement? element)
    {
        if (element is not { } json)
        {
            return null;
        }

        var timeout = new TimeoutSpec(json.DurationMillis("perRequest"), json.DurationMillis("idle"));
        return timeout.PerRequestMillis is null && timeout.IdleMillis is null ? null : timeout;
    }

    /// <summary>Reads ListenerTimeout, a union keyed by protocol: only the member for the listener's protocol applies.</summary>
    public static TimeoutSpec? ParseListenerTimeout(JsonElement? element, PortProtocol protocol) =>
        element is { } json ? Parse(json.Object(protocol.Name())) : null;
}

/// <summary>An active health check policy (HealthCheckPolicy).</summary>
internal sealed record HealthCheckSpec(
    PortProtocol Protocol,
    string? Path,
    int? Port,
    long IntervalMillis,
    long TimeoutMillis,
    int HealthyThreshold,
    int UnhealthyThreshold)
{
    public static HealthCheckSpec? Parse(JsonElement? element)
    {
        if (element is not { } json
            || PortMapping.ParseProtocol(json.String("protocol")) is not { } protocol
            || json.Long("intervalMillis") is not { } interval
            || json.Long("timeoutMillis") is not { } timeout
            || json.Int("healthyThreshold") is not { } healthy
            || json.Int("unhealthyThreshold") is not { } unhealthy)
        {
            return null;
        }

        return new HealthCheckSpec(protocol, json.String("path"), json.Int("port"), interval, timeout, healthy, unhealthy);
    }
}

/// <summary>Outlier detection (OutlierDetection): eject hosts after consecutive server errors.</summary>
internal sealed record OutlierDetectionSpec(long MaxServerErrors, long IntervalMillis, long BaseEjectionMillis, int MaxEjectionPercent)
{
    public static OutlierDetectionSpec? Parse(JsonElement? element)
    {
        if (element is not { } json
            || json.Long("maxServerErrors") is not { } errors
            || json.DurationMillis("interval") is not { } interval
            || json.DurationMillis("baseEjectionDuration") is not { } ejection
            || json.Int("maxEjectionPercent") is not { } percent)
        {
            return null;
        }

        return new OutlierDetectionSpec(errors, interval, ejection, percent);
    }
}

/// <summary>
/// A connection pool (VirtualNodeConnectionPool / VirtualGatewayConnectionPool), a union keyed by
/// protocol; only the member matching the listener's protocol applies.
/// </summary>
internal sealed record ConnectionPoolSpec(int? MaxConnections, int? MaxPendingRequests, int? MaxRequests)
{
    public static ConnectionPoolSpec? Parse(JsonElement? element, PortProtocol protocol)
    {
        if (element?.Object(protocol.Name()) is not { } pool)
        {
            return null;
        }

        var spec = new ConnectionPoolSpec(pool.Int("maxConnections"), pool.Int("maxPendingRequests"), pool.Int("maxRequests"));
        return spec.MaxConnections is null && spec.MaxPendingRequests is null && spec.MaxRequests is null ? null : spec;
    }
}

/// <summary>File access logging (Logging.accessLog.file).</summary>
/// <param name="Path">The file path (/dev/stdout is the usual choice).</param>
/// <param name="TextFormat">format.text, an Envoy command-operator string.</param>
/// <param name="JsonFormat">format.json key/value pairs, in spec order.</param>
internal sealed record AccessLogSpec(string Path, string? TextFormat, IReadOnlyList<KeyValuePair<string, string>> JsonFormat)
{
    public static AccessLogSpec? Parse(JsonElement spec)
    {
        if (spec.Object("logging")?.Object("accessLog")?.Object("file") is not { } file || file.String("path") is not { } path)
        {
            return null;
        }

        var format = file.Object("format");
        var json = new List<KeyValuePair<string, string>>();
        if (format is { } f)
        {
            foreach (var pair in f.Objects("json"))
            {
                if (pair.String("key") is { } key && pair.String("value") is { } value)
                {
                    json.Add(new(key, value));
                }
            }
        }

        return new AccessLogSpec(path, format?.String("text"), json);
    }
}
