using System.Diagnostics;

namespace CloudMesh.Bench.ControlPlane.Propagation;

/// <summary>N simulated proxies driven together: connected with bounded concurrency, armed with a marker, waited on.</summary>
internal sealed class ProxyFleet : IAsyncDisposable
{
    private readonly List<SimulatedProxy> _proxies;

    private ProxyFleet(List<SimulatedProxy> proxies) => _proxies = proxies;

    /// <summary>The proxies, in node order.</summary>
    public IReadOnlyList<SimulatedProxy> Proxies => _proxies;

    /// <summary>
    /// Opens one stream per node id, at most <paramref name="concurrency"/> still waiting for their first full
    /// configuration at a time (a fleet of sidecars starting does not connect in one instant either), and returns
    /// once every stream holds <paramref name="marker"/> or <paramref name="patience"/> ran out.
    /// </summary>
    public static async Task<ProxyFleet> ConnectAsync(Uri xds, string token, IReadOnlyList<string> nodeIds, byte[] marker,
        int concurrency, TimeSpan patience)
    {
        var proxies = new SimulatedProxy[nodeIds.Count];
        using var slots = new SemaphoreSlim(concurrency);
        using var timeout = new CancellationTokenSource(patience);
        await Task.WhenAll(Enumerable.Range(0, nodeIds.Count).Select(async i =>
        {
            await slots.WaitAsync(timeout.Token);
            try
            {
                proxies[i] = await SimulatedProxy.StartAsync(xds, nodeIds[i], token, marker);
                while (proxies[i].ConvergedAt == 0 && proxies[i].Failure is null && !timeout.IsCancellationRequested)
                {
                    await Task.Delay(5, CancellationToken.None);
                }
            }
            finally
            {
                slots.Release();
            }
        }));
        return new ProxyFleet([.. proxies]);
    }

    /// <summary>Arms every proxy with a new marker (before the write that will produce it).</summary>
    public void Arm(byte[] marker)
    {
        foreach (var proxy in _proxies)
        {
            proxy.Arm(marker);
        }
    }

    /// <summary>Waits until every live proxy has converged on the armed marker, or <paramref name="patience"/> ran out.</summary>
    /// <returns>How many proxies have not converged.</returns>
    public async Task<int> WaitConvergedAsync(TimeSpan patience)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var pending = _proxies.Count(p => p.ConvergedAt == 0);
            if (pending == 0 || Stopwatch.GetTimestamp() > deadline || _proxies.All(p => p.ConvergedAt != 0 || p.Failure is not null))
            {
                return pending;
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Latency of each converged proxy from <paramref name="since"/> (a Stopwatch timestamp), in milliseconds.</summary>
    public IReadOnlyList<double> LatenciesSince(long since) =>
        [.. _proxies.Where(p => p.ConvergedAt != 0).Select(p => (p.ConvergedAt - since) * 1000.0 / Stopwatch.Frequency)];

    /// <summary>Streams that ended with an error, with their first error message.</summary>
    public IReadOnlyList<string> Failures => [.. _proxies.Where(p => p.Failure is not null).Select(p => $"{p.NodeId}: {p.Failure!.Message}")];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // In parallel: thousands of sequential stream shutdowns would take longer than the measurement.
        await Task.WhenAll(_proxies.Select(p => p.DisposeAsync().AsTask()));
    }
}
