namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>A cluster's counters, updated with interlocked operations on the request path.</summary>
internal sealed class ClusterCounters : ResponseCounters
{
    /// <summary>Upper bounds (ms) of the latency histogram's buckets, as Envoy's default buckets.</summary>
    public static readonly double[] LatencyBucketsMs = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];

    public long Requests;
    public long Retries;
    public long Timeouts;
    public long ConnectFailures;
    public long Ejections;
    public long Overflow;
    public long ActiveRequests;
    public long ConnectionsActive;
    public long ConnectionsTotal;
    public long TcpConnections;
    public readonly long[] LatencyBuckets = new long[LatencyBucketsMs.Length + 1];
    public long LatencyCount;
    public long LatencySumMicroseconds;

    /// <summary>Upstream TLS handshakes and verification failures (TLS clusters).</summary>
    public readonly Tls.TlsCounters Tls = new();

    public void CountLatency(double milliseconds)
    {
        var index = Array.BinarySearch(LatencyBucketsMs, milliseconds);
        Interlocked.Increment(ref LatencyBuckets[index >= 0 ? index : ~index]);
        Interlocked.Increment(ref LatencyCount);
        // Microseconds in a long: an interlocked add instead of a lock on every request.
        Interlocked.Add(ref LatencySumMicroseconds, (long)(milliseconds * 1000));
    }
}
