namespace CloudMesh.Bench.Api.Reporting;

/// <summary>The goal for one workload; null members are not part of the goal.</summary>
/// <param name="MinOpsPerSecond">Least acceptable CloudMesh throughput.</param>
/// <param name="MaxP99Ms">Largest acceptable CloudMesh p99 (exclusive).</param>
/// <param name="MinRatio">Least acceptable CloudMesh ÷ baseline throughput.</param>
internal sealed record Target(double? MinOpsPerSecond, double? MaxP99Ms, double? MinRatio)
{
    /// <summary>The goals set for the API benchmark: ≥ 3,000 describes/s and ≥ 500 updates/s with p99 &lt; 20 ms, and ≥ 10× moto everywhere.</summary>
    public static Target For(string workload) => workload switch
    {
        "describe" => new Target(3000, 20, 10),
        "update" => new Target(500, 20, 10),
        _ => new Target(null, null, 10),
    };

    /// <summary>The goals <paramref name="opsPerSecond"/>, <paramref name="p99Ms"/> and <paramref name="ratio"/> miss; empty when all are met.</summary>
    public IReadOnlyList<string> Misses(double opsPerSecond, double p99Ms, double? ratio)
    {
        var misses = new List<string>();
        if (opsPerSecond < MinOpsPerSecond)
        {
            misses.Add($"< {MinOpsPerSecond:N0} ops/s");
        }

        if (p99Ms >= MaxP99Ms)
        {
            misses.Add($"p99 ≥ {MaxP99Ms:N0} ms");
        }

        if (ratio is { } r && r < MinRatio)
        {
            misses.Add($"< {MinRatio:N0}× baseline");
        }

        return misses;
    }

    /// <summary>The goal as text, e.g. "≥ 3,000 ops/s, p99 &lt; 20 ms, ≥ 10×".</summary>
    public override string ToString() => string.Join(", ", new[]
    {
        MinOpsPerSecond is { } ops ? $"≥ {ops:N0} ops/s" : null,
        MaxP99Ms is { } p99 ? $"p99 < {p99:N0} ms" : null,
        MinRatio is { } ratio ? $"≥ {ratio:N0}×" : null,
    }.Where(s => s is not null));
}
