namespace CloudMesh.Bench.ControlPlane.Statistics;

/// <summary>
/// Percentiles of latency samples in milliseconds, nearest rank (the smallest sample with at least p% of the samples at
/// or below it). Samples may be negative: a proxy can see a change a hair before the writer has read the HTTP response
/// that reported its commit, and hiding that would bias the figures.
/// </summary>
/// <param name="Count">How many samples.</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Slowest sample.</param>
/// <param name="Mean">Arithmetic mean.</param>
internal sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max, double Mean)
{
    /// <summary>No samples: every figure is zero.</summary>
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0);

    /// <summary>Summarises <paramref name="milliseconds"/>; figures are rounded to microseconds.</summary>
    public static LatencySummary Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Round(NearestRank(sorted, 0.50)), Round(NearestRank(sorted, 0.90)),
            Round(NearestRank(sorted, 0.99)), Round(sorted[^1]), Round(sorted.Average()));
    }

    /// <summary>The nearest-rank <paramref name="quantile"/> (0 &lt; q ≤ 1) of an ascending, non-empty array.</summary>
    public static double NearestRank(double[] ascending, double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfZero(ascending.Length);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        // The epsilon keeps 0.99 * 100 (= 99.00000000000001 in binary) at rank 99 instead of 100.
        var rank = (int)Math.Ceiling(quantile * ascending.Length - 1e-9);
        return ascending[Math.Clamp(rank, 1, ascending.Length) - 1];
    }

    private static double Round(double value) => Math.Round(value, 3);
}
