using CloudMesh.Bench.ControlPlane.Reporting;
using CloudMesh.Bench.ControlPlane.Statistics;

namespace CloudMesh.Bench.ControlPlane.Tests;

public sealed class MarkdownReportTests
{
    private static readonly NotifyResult Peer = new(new LatencySummary(200, 0.5, 0.8, 2, 3, 0.6));

    [Fact]
    public void Targets_met_at_a_thousand_proxies_are_reported_met_with_ratios_to_the_peer()
    {
        var report = MarkdownReport.Render([Fleet(1000, p99: 80, rssPerProxy: 90_000)], Peer, Compile(10_000, 900));

        Assert.Contains("| 1,000 | 10 | 10,000 | 20.0 | 40.0 | 80.0 | 95.0 | 40.0× | 40.0× | 0 | 0 (0%) | 4.0 |", report);
        Assert.Contains("| p99 propagation ≤ 100 ms at 1,000 proxies (and no stream left without the update) | 80.0 ms, 0 without | met |", report);
        Assert.Contains("| ≤ 100 KB per connected proxy (RSS, at 1,000) | 90.0 KB | met |", report);
        Assert.Contains("| ≤ 1 s to compile 10,000 nodes (median) | 900.0 ms | met |", report);
    }

    [Fact]
    public void Whether_the_whole_fleet_warmed_up_before_measuring_is_stated_and_survives_json()
    {
        var cold = MarkdownReport.Render([Fleet(1000, p99: 80, rssPerProxy: 1)], Peer, null);
        var warm = ResultFiles.Deserialize<PropagationResult>(ResultFiles.Serialize(Fleet(1000, p99: 80, rssPerProxy: 1) with { FleetWarmWrites = 5 }));

        Assert.Contains("No unmeasured writes with the whole fleet", cold, StringComparison.Ordinal);
        Assert.Contains("tiered up): 5 at 1,000.", MarkdownReport.Render([warm], Peer, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Misses_are_reported_not_met()
    {
        var report = MarkdownReport.Render([Fleet(1000, p99: 150, rssPerProxy: 120_000)], Peer, Compile(10_000, 1500));

        Assert.Contains("| 150.0 ms, 0 without | **not met** |", report);
        Assert.Contains("| 120.0 KB | **not met** |", report);
        Assert.Contains("| 1500.0 ms | **not met** |", report);
    }

    [Fact]
    public void A_fast_p99_with_missed_samples_is_not_met()
    {
        var fleet = Fleet(1000, p99: 10, rssPerProxy: 1) with { MissedSamples = 3, StreamsWithoutUpdate = 1 };

        Assert.Contains("| 10.0 ms, 1 without | **not met** |", MarkdownReport.Render([fleet], Peer, null));
    }

    [Fact]
    public void Parts_not_run_are_said_so_and_never_met()
    {
        var report = MarkdownReport.Render([Fleet(100, p99: 5, rssPerProxy: 1)], null, Compile(200, 10));

        Assert.Contains("| p99 propagation ≤ 100 ms at 1,000 proxies | not run | **not met** (not measured) |", report);
        Assert.Contains("| ≤ 1 s to compile 10,000 nodes | not run | **not met** (not measured) |", report);
        Assert.Contains("| n/a | n/a |", report);
    }

    [Fact]
    public void Fleets_are_listed_smallest_first_and_results_survive_json()
    {
        var fleets = new[] { Fleet(5000, 300, 50_000), Fleet(100, 5, 50_000) }
            .Select(f => ResultFiles.Deserialize<PropagationResult>(ResultFiles.Serialize(f)))
            .ToArray();

        var report = MarkdownReport.Render(fleets, Peer, null);

        Assert.True(report.IndexOf("| 100 |", StringComparison.Ordinal) < report.IndexOf("| 5,000 |", StringComparison.Ordinal));
        Assert.Equal(fleets[1].Propagation, Fleet(100, 5, 50_000).Propagation);
    }

    private static PropagationResult Fleet(int proxies, double p99, double rssPerProxy) => new(
        proxies, 10, new LatencySummary(proxies * 10, 20, 40, p99, 95, 25), [], 0, 0, [], 4,
        new MemoryResult(100_000_000, 100_000_000 + (long)(rssPerProxy * proxies), 10_000_000, 10_000_000 + 10_000L * proxies),
        new CpuResult(500, 120, 80));

    private static CompileResult Compile(int nodes, double median) => new(nodes, 123_456, 2, RunTimes.Of([median, median + 10, median - 10]));
}
