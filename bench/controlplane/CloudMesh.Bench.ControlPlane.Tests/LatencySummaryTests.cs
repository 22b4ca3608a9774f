using CloudMesh.Bench.ControlPlane.Statistics;

namespace CloudMesh.Bench.ControlPlane.Tests;

public sealed class LatencySummaryTests
{
    [Fact]
    public void Nearest_rank_of_one_to_a_hundred_is_the_percentile_itself()
    {
        var summary = LatencySummary.Of(Enumerable.Range(1, 100).Select(i => (double)i).Reverse());

        Assert.Equal(new LatencySummary(100, 50, 90, 99, 100, 50.5), summary);
    }

    [Fact]
    public void A_p99_over_fewer_than_a_hundred_samples_is_the_maximum()
    {
        var summary = LatencySummary.Of([3, 1, 2, 10, 4]);

        Assert.Equal(3, summary.P50);
        Assert.Equal(10, summary.P90);
        Assert.Equal(10, summary.P99);
    }

    [Fact]
    public void Negative_samples_are_kept_not_clamped()
    {
        var summary = LatencySummary.Of([-0.25, 1, 2]);

        Assert.Equal(1, summary.P50);
        Assert.Equal(0.917, summary.Mean);
        Assert.Equal(-0.25, LatencySummary.NearestRank([-0.25, 1, 2], 0.01));
    }

    [Fact]
    public void No_samples_give_the_empty_summary()
    {
        Assert.Same(LatencySummary.Empty, LatencySummary.Of([]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.01)]
    public void Quantiles_outside_zero_to_one_are_rejected(double quantile)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencySummary.NearestRank([1.0], quantile));
    }

    [Fact]
    public void Figures_are_rounded_to_microseconds()
    {
        Assert.Equal(1.235, LatencySummary.Of([1.23456]).P50);
    }
}
