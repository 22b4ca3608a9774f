using CloudMesh.Bench.Api.Measurement;
using CloudMesh.Bench.Api.Reporting;

namespace CloudMesh.Bench.Api.Tests;

public sealed class MarkdownReportTests
{
    private static RunResult Result(string target, string workload, double opsPerSecond, double p99) => new(
        target, workload, WorkloadKinds.Parse(workload).Operation(), "http://x/", 16, 100, 3, 10,
        (long)(opsPerSecond * 10), opsPerSecond, new LatencySummary(1, 2, p99, p99 * 2, 1), 0, new Dictionary<string, long>(), 0);

    [Fact]
    public void Rows_compare_subject_with_baseline_and_judge_the_goal()
    {
        var table = MarkdownReport.Render(
            [Result("moto", "describe", 250, 90), Result("cloudmesh", "describe", 3500, 12.3), Result("cloudmesh", "update", 400, 30), Result("moto", "update", 200, 80)],
            "cloudmesh", "moto");

        var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, rows.Length);
        Assert.StartsWith("| DescribeVirtualNode | 3,500 | 12.3 | 250 | 90.0 | 14.0× | 0 / 0 |", rows[2], StringComparison.Ordinal);
        Assert.EndsWith("| met |", rows[2], StringComparison.Ordinal);
        Assert.Contains("missed: < 500 ops/s; p99 ≥ 20 ms; < 10× baseline", rows[3], StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_baseline_shows_dashes_and_only_absolute_goals_count()
    {
        var table = MarkdownReport.Render([Result("cloudmesh", "describe", 3100, 5)], "cloudmesh", "moto");

        var row = table.Split('\n', StringSplitOptions.RemoveEmptyEntries)[2];
        Assert.StartsWith("| DescribeVirtualNode | 3,100 | 5.0 | – | – | – |", row, StringComparison.Ordinal);
        Assert.EndsWith("| met |", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_follow_the_issue()
    {
        Assert.Empty(Target.For("describe").Misses(3000, 19.9, 10));
        Assert.Equal(3, Target.For("describe").Misses(2999, 20, 9.9).Count);
        Assert.Empty(Target.For("list").Misses(1, 500, 10));
        Assert.Single(Target.For("create").Misses(100_000, 0.1, 9));
    }
}
