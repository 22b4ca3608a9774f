using System.Globalization;
using System.Text;
using CloudMesh.Bench.Api.Measurement;

namespace CloudMesh.Bench.Api.Reporting;

/// <summary>Renders the side-by-side table: each workload's subject and baseline results, their ratio and the goal.</summary>
internal static class MarkdownReport
{
    /// <summary>
    /// The table for <paramref name="results"/>, one row per workload in the order of <see cref="WorkloadKinds.All"/>;
    /// a workload with no subject result is left out, one with no baseline result shows dashes.
    /// </summary>
    public static string Render(IReadOnlyList<RunResult> results, string subject, string baseline)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| Workload | {subject} ops/s | {subject} p99 ms | {baseline} ops/s | {baseline} p99 ms | ratio | errors ({subject} / {baseline}) | goal | verdict |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var kind in WorkloadKinds.All)
        {
            var mine = results.FirstOrDefault(r => r.Target == subject && r.Workload == kind.Name());
            if (mine is null)
            {
                continue;
            }

            var theirs = results.FirstOrDefault(r => r.Target == baseline && r.Workload == kind.Name());
            double? ratio = theirs is { OpsPerSecond: > 0 } ? mine.OpsPerSecond / theirs.OpsPerSecond : null;
            var target = Target.For(kind.Name());
            var misses = target.Misses(mine.OpsPerSecond, mine.LatencyMs.P99, ratio);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {kind.Operation()} | {mine.OpsPerSecond:N0} | {mine.LatencyMs.P99:0.0} | {Ops(theirs)} | {P99(theirs)} | " +
                $"{(ratio is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) + "×" : "–")} | " +
                $"{mine.ErrorCount} / {(theirs is null ? "–" : theirs.ErrorCount.ToString(CultureInfo.InvariantCulture))} | " +
                $"{target} | {(misses.Count == 0 ? "met" : "missed: " + string.Join("; ", misses))} |");
        }

        return text.ToString();
    }

    private static string Ops(RunResult? result) =>
        result is null ? "–" : result.OpsPerSecond.ToString("N0", CultureInfo.InvariantCulture);

    private static string P99(RunResult? result) =>
        result is null ? "–" : result.LatencyMs.P99.ToString("0.0", CultureInfo.InvariantCulture);
}
