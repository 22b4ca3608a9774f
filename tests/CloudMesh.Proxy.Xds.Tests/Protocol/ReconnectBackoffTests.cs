using CloudMesh.Proxy.Xds.Protocol;

namespace CloudMesh.Proxy.Xds.Tests.Protocol;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Delays_double_within_jitter_up_to_the_bound_and_reset_after_a_healthy_stream()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), new Random(7));
        double[] ceilings = [100, 200, 400, 800, 1000, 1000, 1000];
        foreach (double ceiling in ceilings)
        {
            TimeSpan delay = backoff.Next();
            Assert.InRange(delay.TotalMilliseconds, ceiling / 2, ceiling);
        }

        backoff.Reset();
        Assert.InRange(backoff.Next().TotalMilliseconds, 50, 100);
    }

    [Fact]
    public void Jitter_spreads_proxies_apart()
    {
        var a = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(1));
        var b = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(2));
        Assert.NotEqual(a.Next(), b.Next());
    }
}
