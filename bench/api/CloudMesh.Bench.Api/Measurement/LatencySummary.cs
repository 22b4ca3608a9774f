namespace CloudMesh.Bench.Api.Measurement;

/// <summary>Latency percentiles in milliseconds (nearest-rank: the smallest sample with at least p% of samples at or below it).</summary>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Slowest request.</param>
/// <param name="Mean">Arithmetic mean.</param>
internal sealed record LatencySummary(double P50, double P90, double P99, double Max, double Mean)
{
    /// <summary>No samples: every figure is zero.</summary>
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0);

    /// <summary>Summarises <paramref name="ticks"/>, measured at <paramref name="ticksPerSecond"/>.</summary>
    public static LatencySummary FromTicks(IEnumerable<long> ticks, long ticksPerSecond)
    {
        var sorted = ticks.ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        Array.Sort(sorted);
        double Ms(long t) => Math.Round(t * 1000.0 / ticksPerSecond, 3);
        long Rank(double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new LatencySummary(Ms(Rank(0.50)), Ms(Rank(0.90)), Ms(Rank(0.99)), Ms(sorted[^1]),
            Math.Round(sorted.Average(t => (double)t) * 1000.0 / ticksPerSecond, 3));
    }
}
