using CloudMesh.Bench.Api.Measurement;

namespace CloudMesh.Bench.Api.Tests;

public sealed class LatencySummaryTests
{
    [Fact]
    public void Percentiles_use_nearest_rank_over_unsorted_samples()
    {
        // 1..100 ms in reverse order, at 1,000 ticks per second (1 tick = 1 ms).
        var ticks = Enumerable.Range(1, 100).Reverse().Select(i => (long)i);

        var summary = LatencySummary.FromTicks(ticks, ticksPerSecond: 1000);

        Assert.Equal(50, summary.P50);
        Assert.Equal(90, summary.P90);
        Assert.Equal(99, summary.P99);
        Assert.Equal(100, summary.Max);
        Assert.Equal(50.5, summary.Mean);
    }

    [Fact]
    public void A_single_slow_outlier_in_a_hundred_is_not_the_p99()
    {
        var ticks = Enumerable.Repeat(2L, 99).Append(500L);

        var summary = LatencySummary.FromTicks(ticks, ticksPerSecond: 1000);

        Assert.Equal(2, summary.P99);
        Assert.Equal(500, summary.Max);
    }

    [Fact]
    public void Ticks_are_converted_with_the_given_frequency()
    {
        var summary = LatencySummary.FromTicks([1_500_000L], ticksPerSecond: 1_000_000_000);

        Assert.Equal(1.5, summary.P50);
    }

    [Fact]
    public void No_samples_give_zeros()
    {
        Assert.Equal(LatencySummary.Empty, LatencySummary.FromTicks([], ticksPerSecond: 1000));
    }
}
