namespace CloudMesh.Bench.ControlPlane.Statistics;

/// <summary>Repeated timings of one piece of work (the compile measurement): median and best, in milliseconds.</summary>
/// <param name="Runs">Every measured run, in the order they ran.</param>
/// <param name="Median">The median run (the mean of the middle two for an even count).</param>
/// <param name="Best">The fastest run.</param>
internal sealed record RunTimes(IReadOnlyList<double> Runs, double Median, double Best)
{
    /// <summary>Summarises at least one run.</summary>
    public static RunTimes Of(IReadOnlyList<double> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var sorted = runs.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new RunTimes([.. runs], Math.Round(median, 3), Math.Round(sorted[0], 3));
    }
}
