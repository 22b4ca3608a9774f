using CloudMesh.Bench.ControlPlane.Statistics;

namespace CloudMesh.Bench.ControlPlane.Reporting;

/// <summary>One propagation run (one fleet size) as written to <c>propagation-&lt;N&gt;.json</c>.</summary>
/// <param name="Proxies">Simulated ADS clients connected.</param>
/// <param name="Writes">Measured writes.</param>
/// <param name="Propagation">Over every (proxy, write) sample: API response read → CDS+RDS carrying the change received (and ACKed).</param>
/// <param name="PerWrite">The same per write, in order: how far each write took to settle everywhere.</param>
/// <param name="MissedSamples">(proxy, write) pairs that never saw the change within the patience.</param>
/// <param name="StreamsWithoutUpdate">Streams that saw none of the measured writes.</param>
/// <param name="StreamFailures">Streams that ended with an error (first few messages).</param>
/// <param name="ConnectSeconds">Time to connect the whole fleet and have every stream configured.</param>
/// <param name="Memory">The server process's memory before and after the fleet connected.</param>
/// <param name="Cpu">CPU used per write by the server and by the load generator during the write phase.</param>
/// <param name="FleetWarmWrites">Unmeasured writes made with the whole fleet connected before the measured ones.</param>
internal sealed record PropagationResult(
    int Proxies,
    int Writes,
    LatencySummary Propagation,
    IReadOnlyList<LatencySummary> PerWrite,
    int MissedSamples,
    int StreamsWithoutUpdate,
    IReadOnlyList<string> StreamFailures,
    double ConnectSeconds,
    MemoryResult Memory,
    CpuResult Cpu,
    int FleetWarmWrites = 0);

/// <summary>Per measured write, averaged over the write phase (the pause between writes included), milliseconds.</summary>
/// <param name="WallMs">Elapsed time.</param>
/// <param name="ServerCpuMs">CPU time of the CloudMesh process (PostgreSQL not included).</param>
/// <param name="GeneratorCpuMs">CPU time of the load generator (every simulated proxy).</param>
internal sealed record CpuResult(double WallMs, double ServerCpuMs, double GeneratorCpuMs);

/// <summary>Server memory around connecting the fleet (bytes; heap figures null when the probe was not loaded).</summary>
/// <param name="RssBefore">VmRSS before the fleet connected (after setup and a warm-up fleet).</param>
/// <param name="RssAfter">VmRSS with the fleet connected and settled.</param>
/// <param name="HeapBefore">Live managed bytes before.</param>
/// <param name="HeapAfter">Live managed bytes after.</param>
internal sealed record MemoryResult(long RssBefore, long RssAfter, long? HeapBefore, long? HeapAfter)
{
    /// <summary>RSS growth per connected proxy.</summary>
    public double RssPerProxy(int proxies) => (RssAfter - RssBefore) / (double)proxies;

    /// <summary>Managed-heap growth per connected proxy, when the heap was read.</summary>
    public double? HeapPerProxy(int proxies) => HeapBefore is { } before && HeapAfter is { } after ? (after - before) / (double)proxies : null;
}

/// <summary>The peer: raw NOTIFY latency, committed transaction → LISTENing Npgsql connection.</summary>
/// <param name="Latency">Commit returned → notification received, in milliseconds.</param>
internal sealed record NotifyResult(LatencySummary Latency);

/// <summary>The compile measurement: Prepare + compile every proxy of a synthetic mesh.</summary>
/// <param name="VirtualNodes">Nodes in the mesh.</param>
/// <param name="Resources">xDS resources one run produces (equal on every run).</param>
/// <param name="WarmUpRuns">Unmeasured runs first.</param>
/// <param name="Times">Measured runs, milliseconds.</param>
internal sealed record CompileResult(int VirtualNodes, int Resources, int WarmUpRuns, RunTimes Times);
