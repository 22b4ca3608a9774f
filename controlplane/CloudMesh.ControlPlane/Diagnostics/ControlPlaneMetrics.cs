using System.Text;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Server;
using CloudMesh.Prometheus;

namespace CloudMesh.ControlPlane.Diagnostics;

/// <summary>
/// The control plane's Prometheus metrics, rendered by <c>/metrics</c>: connected proxies, pushes, NACKs, recompute
/// and push latency histograms. Thread-safe; one instance per replica.
/// </summary>
public sealed class ControlPlaneMetrics
{
    private const string ConnectedName = "cloudmesh_xds_connected_proxies";

    internal LabeledCounter Pushes { get; } = new(
        "cloudmesh_xds_pushes_total", "xDS responses sent to proxies, by resource type.", "type");

    internal LabeledCounter Nacks { get; } = new(
        "cloudmesh_xds_nacks_total", "xDS responses proxies rejected (NACK), by resource type.", "type");

    internal LabeledCounter RejectedStreams { get; } = new(
        "cloudmesh_xds_rejected_streams_total", "xDS streams refused before configuration was sent, by gRPC status.", "code");

    internal Counter RecomputeFailures { get; } = new(
        "cloudmesh_xds_recompute_failures_total", "Proxy configuration computations that failed (the previous configuration stayed).");

    internal Histogram RecomputeDuration { get; } = new(
        "cloudmesh_xds_recompute_duration_seconds",
        "Time to load, compile and hash one proxy identity's configuration.",
        Histogram.LatencyBuckets);

    internal Histogram MeshCompileDuration { get; } = new(
        "cloudmesh_xds_mesh_compile_duration_seconds",
        "Time to prepare one mesh with the compiler (once per change of the mesh).",
        Histogram.LatencyBuckets);

    internal Counter WithheldConfigs { get; } = new(
        "cloudmesh_xds_configs_withheld_total", "Compiled configurations that failed the consistency check and were not published.");

    internal Histogram PushLatency { get; } = new(
        "cloudmesh_xds_push_latency_seconds",
        "Time from a change notification to the pushes it caused being written to a proxy's stream.",
        Histogram.LatencyBuckets);

    /// <summary>Records how long preparing one mesh with the compiler took (called by the config source).</summary>
    public void ObserveMeshCompile(TimeSpan duration) => MeshCompileDuration.Observe(duration);

    /// <summary>Counts a compiled configuration withheld for failing the consistency check.</summary>
    public void CountWithheldConfig() => WithheldConfigs.Increment();

    /// <summary>Renders every metric in the Prometheus text format.</summary>
    internal string Render(ConnectedProxyRegistry proxies)
    {
        var output = new StringBuilder(4096);
        PrometheusText.Header(output, ConnectedName, "gauge", "Proxies with an open xDS stream on this replica, by stream kind and proxy kind.");
        Dictionary<(string Stream, string Proxy), int> counts = new()
        {
            [("sotw", "virtualNode")] = 0,
            [("sotw", "virtualGateway")] = 0,
            [("delta", "virtualNode")] = 0,
            [("delta", "virtualGateway")] = 0,
        };
        foreach (ConnectedProxy proxy in proxies.All())
        {
            var key = (proxy.StreamKind, proxy.Identity.Kind == ProxyKind.VirtualNode ? "virtualNode" : "virtualGateway");
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        foreach (((string stream, string proxy), int count) in counts.OrderBy(c => c.Key))
        {
            PrometheusText.Sample(output, ConnectedName, [new("stream", stream), new("proxy", proxy)], count);
        }

        Pushes.WriteTo(output);
        Nacks.WriteTo(output);
        RejectedStreams.WriteTo(output);
        RecomputeFailures.WriteTo(output);
        RecomputeDuration.WriteTo(output);
        MeshCompileDuration.WriteTo(output);
        WithheldConfigs.WriteTo(output);
        PushLatency.WriteTo(output);
        return output.ToString();
    }
}
