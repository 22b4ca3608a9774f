using CloudMesh.Bench.ControlPlane.Statistics;

namespace CloudMesh.Bench.ControlPlane.Tests;

public sealed class RunTimesTests
{
    [Fact]
    public void Odd_count_takes_the_middle_run_and_keeps_the_order_they_ran_in()
    {
        var times = RunTimes.Of([900, 700, 1200, 650, 800]);

        Assert.Equal(800, times.Median);
        Assert.Equal(650, times.Best);
        Assert.Equal([900, 700, 1200, 650, 800], times.Runs);
    }

    [Fact]
    public void Even_count_averages_the_middle_two()
    {
        Assert.Equal(750, RunTimes.Of([700, 900, 800, 600]).Median);
    }

    [Fact]
    public void No_runs_is_an_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RunTimes.Of([]));
    }

    [Theory]
    [InlineData(50.0, 0.5, "100×")]
    [InlineData(12.34, 1.0, "12.3×")]
    [InlineData(1.5, 1.0, "1.50×")]
    public void Ratios_are_formatted_with_sensible_precision(double subject, double peer, string expected)
    {
        Assert.Equal(expected, Ratio.Format(Ratio.Of(subject, peer)));
    }

    [Fact]
    public void A_zero_peer_gives_no_ratio()
    {
        Assert.Null(Ratio.Of(5, 0));
        Assert.Equal("n/a", Ratio.Format(null));
    }
}
