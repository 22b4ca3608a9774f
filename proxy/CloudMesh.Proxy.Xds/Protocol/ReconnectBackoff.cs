namespace CloudMesh.Proxy.Xds.Protocol;

/// <summary>
/// Exponential reconnect delays with jitter: the n-th consecutive failure waits a random time between half and all of
/// min(initial × 2^(n-1), max), so proxies that lost the same control plane do not come back in lockstep. Not thread-safe.
/// </summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Random _random;
    private int _failures;

    public ReconnectBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        _initial = initial;
        _max = max;
        _random = random ?? Random.Shared;
    }

    /// <summary>The delay before the next attempt; each call counts one more failure.</summary>
    public TimeSpan Next()
    {
        int exponent = Math.Min(_failures, 30);
        _failures++;
        double ceilingTicks = Math.Min(_max.Ticks, _initial.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)(ceilingTicks / 2 + (_random.NextDouble() * ceilingTicks / 2)));
    }

    /// <summary>After a healthy stream: the next failure starts from the initial delay again.</summary>
    public void Reset() => _failures = 0;
}
