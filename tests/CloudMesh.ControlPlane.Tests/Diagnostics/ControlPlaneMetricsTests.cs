using CloudMesh.ControlPlane.Diagnostics;
using CloudMesh.ControlPlane.Server;

namespace CloudMesh.ControlPlane.Tests.Diagnostics;

public sealed class ControlPlaneMetricsTests
{
    [Fact]
    public void Renders_the_Prometheus_text_format_with_cumulative_buckets()
    {
        var metrics = new ControlPlaneMetrics();
        metrics.Pushes.Increment("CDS");
        metrics.Pushes.Increment("CDS");
        metrics.Pushes.Increment("LDS");
        metrics.Nacks.Increment("RDS");
        metrics.PushLatency.Observe(TimeSpan.FromMilliseconds(3));
        metrics.PushLatency.Observe(TimeSpan.FromMilliseconds(30));
        metrics.PushLatency.Observe(TimeSpan.FromSeconds(60));

        string text = metrics.Render(new ConnectedProxyRegistry());
        string[] lines = text.Split('\n');

        Assert.Contains("# TYPE cloudmesh_xds_pushes_total counter", lines);
        Assert.Contains("cloudmesh_xds_pushes_total{type=\"CDS\"} 2", lines);
        Assert.Contains("cloudmesh_xds_pushes_total{type=\"LDS\"} 1", lines);
        Assert.Contains("cloudmesh_xds_nacks_total{type=\"RDS\"} 1", lines);
        Assert.Contains("# TYPE cloudmesh_xds_connected_proxies gauge", lines);
        Assert.Contains("cloudmesh_xds_connected_proxies{stream=\"sotw\",proxy=\"virtualNode\"} 0", lines);
        Assert.Contains("# TYPE cloudmesh_xds_push_latency_seconds histogram", lines);
        Assert.Contains("cloudmesh_xds_push_latency_seconds_bucket{le=\"0.0025\"} 0", lines);
        Assert.Contains("cloudmesh_xds_push_latency_seconds_bucket{le=\"0.005\"} 1", lines);
        Assert.Contains("cloudmesh_xds_push_latency_seconds_bucket{le=\"0.05\"} 2", lines);
        Assert.Contains("cloudmesh_xds_push_latency_seconds_bucket{le=\"10\"} 2", lines);
        Assert.Contains("cloudmesh_xds_push_latency_seconds_bucket{le=\"+Inf\"} 3", lines);
        Assert.Contains("cloudmesh_xds_push_latency_seconds_count 3", lines);
        Assert.Contains("cloudmesh_xds_push_latency_seconds_sum 60.033", lines);
        Assert.Contains("# TYPE cloudmesh_xds_recompute_duration_seconds histogram", lines);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }
}
