using System.Net;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>
/// One upstream host of a cluster with its live state: active health and outlier ejection. Kept across EDS and DNS
/// updates while the address stays, so a config push does not forget that a host is ejected or unhealthy.
/// </summary>
internal sealed class UpstreamEndpoint(IPEndPoint address, uint weight)
{
    private int _consecutive5xx;
    private long _ejectedUntilTicks;
    private int _ejections;

    public IPEndPoint Address { get; } = address;

    public uint Weight { get; } = weight;

    /// <summary>"http://ip:port" as the forwarder's destination prefix.</summary>
    public string Prefix { get; } = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? $"http://[{address.Address}]:{address.Port}"
        : $"http://{address.Address}:{address.Port}";

    /// <summary>False once active health checking has seen enough failures (true until checked).</summary>
    public volatile bool Healthy = true;

    public int HealthCheckSuccesses;

    public int HealthCheckFailures;

    public bool IsEjected(long nowTicks) => Volatile.Read(ref _ejectedUntilTicks) > nowTicks;

    /// <summary>Counts a response: a 5xx (or a connect failure) extends the streak, anything else ends it.</summary>
    /// <returns>True when the streak just reached <paramref name="threshold"/>.</returns>
    public bool Record(bool serverError, int threshold)
    {
        if (!serverError)
        {
            Volatile.Write(ref _consecutive5xx, 0);
            return false;
        }

        return Interlocked.Increment(ref _consecutive5xx) == threshold;
    }

    /// <summary>Ejects for base time × the number of times ejected so far (Envoy's backoff).</summary>
    public void Eject(long nowTicks, TimeSpan baseTime)
    {
        var times = Interlocked.Increment(ref _ejections);
        Volatile.Write(ref _ejectedUntilTicks, nowTicks + (baseTime.Ticks * times));
        Volatile.Write(ref _consecutive5xx, 0);
    }

    public override string ToString() => Address.ToString();
}
