using System.Globalization;
using System.Text;
using CloudMesh.Prometheus;
using CloudMesh.Proxy.DataPlane;

namespace CloudMesh.Proxy.Admin;

/// <summary>
/// The data plane's counters in Envoy's admin formats, so dashboards and scripts written for App Mesh's Envoy keep
/// working: <c>/stats/prometheus</c> with Envoy's metric and label names (<c>envoy_cluster_upstream_rq_total</c>,
/// <c>envoy_cluster_upstream_rq_xx{envoy_response_code_class}</c>, <c>envoy_cluster_upstream_rq_time</c> histogram in
/// milliseconds...), <c>/stats</c> as Envoy's <c>name: value</c> lines, <c>/clusters</c> as its <c>cluster::host::stat</c>
/// lines. Per-route counters (Envoy has none without virtual clusters) are CloudMesh's own <c>cloudmesh_route_*</c>.
/// </summary>
internal sealed class ProxyStats(ProxyDataPlane dataPlane)
{
    private const string ClusterLabel = "envoy_cluster_name";

    /// <summary>The certificates each TLS context uses now (for <c>/certs</c>).</summary>
    public IReadOnlyList<TlsContextCertificates> Certificates() => dataPlane.Certificates();

    /// <summary>The Prometheus exposition.</summary>
    public string Prometheus()
    {
        var snapshot = dataPlane.Snapshot();
        var output = new StringBuilder();
        ClusterCounter(output, snapshot, "envoy_cluster_upstream_rq_total", "counter", "Requests sent to the cluster.", s => s.Requests);
        PrometheusText.Header(output, "envoy_cluster_upstream_rq_xx", "counter", "Responses by status class.");
        foreach (var cluster in snapshot.Clusters)
        {
            var s = cluster.Stats;
            long[] classes = [s.Responses1xx, s.Responses2xx, s.Responses3xx, s.Responses4xx, s.Responses5xx];
            for (int c = 0; c < classes.Length; c++)
            {
                PrometheusText.Sample(output, "envoy_cluster_upstream_rq_xx",
                    [new("envoy_response_code_class", (c + 1).ToString(CultureInfo.InvariantCulture)), new(ClusterLabel, cluster.Name)], classes[c]);
            }
        }

        ClusterCounter(output, snapshot, "envoy_cluster_upstream_rq_retry", "counter", "Retries sent.", s => s.Retries);
        ClusterCounter(output, snapshot, "envoy_cluster_upstream_rq_timeout", "counter", "Requests that timed out (route or per-try timeout).", s => s.Timeouts);
        ClusterCounter(output, snapshot, "envoy_cluster_upstream_rq_pending_overflow", "counter", "Requests refused by a circuit breaker (answered 503).", s => s.Overflow);
        ClusterCounter(output, snapshot, "envoy_cluster_outlier_detection_ejections_enforced_total", "counter", "Hosts ejected by outlier detection.", s => s.Ejections);
        ClusterCounter(output, snapshot, "envoy_cluster_upstream_cx_connect_fail", "counter", "Failed upstream connection attempts.", s => s.ConnectFailures);
        ClusterCounter(output, snapshot, "envoy_cluster_upstream_cx_total", "counter", "Upstream connections opened.", s => s.ConnectionsTotal);
        ClusterCounter(output, snapshot, "envoy_cluster_upstream_cx_active", "gauge", "Open upstream connections.", s => s.ConnectionsActive);
        ClusterCounter(output, snapshot, "envoy_cluster_upstream_rq_active", "gauge", "Requests in flight.", s => s.ActiveRequests);
        ClusterCounter(output, snapshot, "envoy_cluster_membership_total", "gauge", "Hosts in the cluster.", (_, c) => c.Endpoints.Count);
        ClusterCounter(output, snapshot, "envoy_cluster_membership_healthy", "gauge", "Hosts that are healthy and not ejected.",
            (_, c) => c.Endpoints.Count(e => e.Healthy && !e.Ejected));

        PrometheusText.Header(output, "envoy_cluster_upstream_rq_time", "histogram", "Upstream request time in milliseconds.");
        foreach (var cluster in snapshot.Clusters)
        {
            var s = cluster.Stats;
            long cumulative = 0;
            for (int i = 0; i < s.LatencyBucketBoundsMs.Count; i++)
            {
                cumulative += s.LatencyBucketCounts[i];
                PrometheusText.Sample(output, "envoy_cluster_upstream_rq_time_bucket",
                    [new(ClusterLabel, cluster.Name), new("le", PrometheusText.Format(s.LatencyBucketBoundsMs[i]))], cumulative);
            }

            long count = Math.Max(cumulative + s.LatencyBucketCounts[^1], s.LatencyCount);
            PrometheusText.Sample(output, "envoy_cluster_upstream_rq_time_bucket", [new(ClusterLabel, cluster.Name), new("le", "+Inf")], count);
            PrometheusText.Sample(output, "envoy_cluster_upstream_rq_time_sum", [new(ClusterLabel, cluster.Name)], s.LatencySumMs);
            PrometheusText.Sample(output, "envoy_cluster_upstream_rq_time_count", [new(ClusterLabel, cluster.Name)], count);
        }

        TlsCounters(output, "envoy_cluster_ssl", snapshot.Clusters.Where(c => c.Stats.Tls is not null).Select(c => (new KeyValuePair<string, string>(ClusterLabel, c.Name), c.Stats.Tls!)).ToList());
        TlsCounters(output, "envoy_listener_ssl", snapshot.Listeners.Where(l => l.Tls is not null)
            .Select(l => (new KeyValuePair<string, string>("envoy_listener_address", $"{l.Address}_{l.Port}"), l.Tls!)).ToList());

        RouteCounter(output, snapshot, "cloudmesh_route_rq_total", "Requests per route (route \"\" = no route matched).", r => r.Requests);
        PrometheusText.Header(output, "cloudmesh_route_rq_xx", "counter", "Responses per route by status class.");
        foreach (var route in snapshot.Routes)
        {
            long[] classes = [route.Responses2xx, route.Responses3xx, route.Responses4xx, route.Responses5xx];
            for (int c = 0; c < classes.Length; c++)
            {
                PrometheusText.Sample(output, "cloudmesh_route_rq_xx", [.. RouteLabels(route), new("response_code_class", (c + 2).ToString(CultureInfo.InvariantCulture))], classes[c]);
            }
        }

        RouteCounter(output, snapshot, "cloudmesh_route_rq_retry", "Retries per route.", r => r.Retries);
        RouteCounter(output, snapshot, "cloudmesh_route_rq_timeout", "Timeouts per route.", r => r.Timeouts);
        PrometheusText.Header(output, "cloudmesh_listener_warming", "gauge", "1 while a listener waits for its route configuration or clusters.");
        foreach (var listener in snapshot.Listeners)
        {
            PrometheusText.Sample(output, "cloudmesh_listener_warming", [new("envoy_listener_address", $"{listener.Address}_{listener.Port}"), new("listener", listener.Name)], listener.Warming ? 1 : 0);
        }

        return output.ToString();
    }

    /// <summary>Envoy's <c>/stats</c>: one <c>name: value</c> line per counter.</summary>
    public string Plain()
    {
        var snapshot = dataPlane.Snapshot();
        var output = new StringBuilder();
        foreach (var cluster in snapshot.Clusters.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var s = cluster.Stats;
            void Line(string stat, double value) => output.Append("cluster.").Append(cluster.Name).Append('.').Append(stat).Append(": ")
                .Append(PrometheusText.Format(value)).Append('\n');
            Line("upstream_rq_total", s.Requests);
            Line("upstream_rq_1xx", s.Responses1xx);
            Line("upstream_rq_2xx", s.Responses2xx);
            Line("upstream_rq_3xx", s.Responses3xx);
            Line("upstream_rq_4xx", s.Responses4xx);
            Line("upstream_rq_5xx", s.Responses5xx);
            Line("upstream_rq_retry", s.Retries);
            Line("upstream_rq_timeout", s.Timeouts);
            Line("upstream_rq_pending_overflow", s.Overflow);
            Line("upstream_rq_active", s.ActiveRequests);
            Line("upstream_cx_active", s.ConnectionsActive);
            Line("upstream_cx_total", s.ConnectionsTotal);
            Line("upstream_cx_connect_fail", s.ConnectFailures);
            Line("outlier_detection.ejections_enforced_total", s.Ejections);
            Line("membership_total", cluster.Endpoints.Count);
            Line("membership_healthy", cluster.Endpoints.Count(e => e.Healthy && !e.Ejected));
            if (s.Tls is { } tls)
            {
                Line("ssl.handshake", tls.Handshakes);
                Line("ssl.connection_error", tls.ConnectionErrors);
                Line("ssl.fail_verify_no_cert", tls.FailVerifyNoCert);
                Line("ssl.fail_verify_error", tls.FailVerifyError);
                Line("ssl.fail_verify_san", tls.FailVerifySan);
            }
        }

        foreach (var listener in snapshot.Listeners.Where(l => l.Tls is not null))
        {
            var tls = listener.Tls!;
            void Line(string stat, long value) => output.Append("listener.").Append(listener.Address).Append('_').Append(listener.Port.ToString(CultureInfo.InvariantCulture))
                .Append(".ssl.").Append(stat).Append(": ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            Line("handshake", tls.Handshakes);
            Line("connection_error", tls.ConnectionErrors);
            Line("fail_verify_no_cert", tls.FailVerifyNoCert);
            Line("fail_verify_error", tls.FailVerifyError);
            Line("fail_verify_san", tls.FailVerifySan);
        }

        return output.ToString();
    }

    /// <summary>Envoy's <c>/clusters</c>: per cluster and host, <c>name::host::stat::value</c> lines.</summary>
    public string Clusters()
    {
        var snapshot = dataPlane.Snapshot();
        var output = new StringBuilder();
        foreach (var cluster in snapshot.Clusters.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            output.Append(cluster.Name).Append("::observability_name::").Append(cluster.Name).Append('\n');
            output.Append(cluster.Name).Append("::added_via_api::true\n");
            output.Append(cluster.Name).Append("::type::").Append(cluster.Type).Append('\n');
            foreach (var endpoint in cluster.Endpoints)
            {
                string prefix = cluster.Name + "::" + endpoint.Address + "::";
                string health = !endpoint.Healthy ? "/failed_active_hc" : endpoint.Ejected ? "/failed_outlier_check" : "healthy";
                output.Append(prefix).Append("weight::").Append(endpoint.Weight.ToString(CultureInfo.InvariantCulture)).Append('\n');
                output.Append(prefix).Append("health_flags::").Append(health).Append('\n');
            }
        }

        return output.ToString();
    }

    private static void ClusterCounter(StringBuilder output, DataPlaneSnapshot snapshot, string name, string type, string help, Func<ClusterStats, double> value) =>
        ClusterCounter(output, snapshot, name, type, help, (s, _) => value(s));

    private static void ClusterCounter(StringBuilder output, DataPlaneSnapshot snapshot, string name, string type, string help, Func<ClusterStats, ClusterStatus, double> value)
    {
        PrometheusText.Header(output, name, type, help);
        foreach (var cluster in snapshot.Clusters)
        {
            PrometheusText.Sample(output, name, [new(ClusterLabel, cluster.Name)], value(cluster.Stats, cluster));
        }
    }

    /// <summary>Envoy's ssl.* counters of TLS listeners or clusters, each labelled as its kind is.</summary>
    private static void TlsCounters(StringBuilder output, string prefix, List<(KeyValuePair<string, string> Label, TlsStats Stats)> owners)
    {
        if (owners.Count == 0)
        {
            return;
        }

        (string Name, string Help, Func<TlsStats, long> Value)[] counters =
        [
            ("handshake", "Completed TLS handshakes.", t => t.Handshakes),
            ("connection_error", "Failed TLS handshakes other than refused certificates.", t => t.ConnectionErrors),
            ("fail_verify_no_cert", "Peers refused for presenting no certificate.", t => t.FailVerifyNoCert),
            ("fail_verify_error", "Peer certificates refused for not chaining to the trust bundle.", t => t.FailVerifyError),
            ("fail_verify_san", "Peer certificates refused for their subject alternative names.", t => t.FailVerifySan),
        ];
        foreach (var (name, help, value) in counters)
        {
            PrometheusText.Header(output, $"{prefix}_{name}", "counter", help);
            foreach (var (label, stats) in owners)
            {
                PrometheusText.Sample(output, $"{prefix}_{name}", [label], value(stats));
            }
        }
    }

    private static void RouteCounter(StringBuilder output, DataPlaneSnapshot snapshot, string name, string help, Func<RouteStats, double> value)
    {
        PrometheusText.Header(output, name, "counter", help);
        foreach (var route in snapshot.Routes)
        {
            PrometheusText.Sample(output, name, RouteLabels(route), value(route));
        }
    }

    private static KeyValuePair<string, string>[] RouteLabels(RouteStats route) =>
        [new("route_config", route.RouteConfiguration), new("virtual_host", route.VirtualHost), new("route", route.Route)];
}
