namespace CloudMesh.Bench.Api.Workloads;

/// <summary>Per-worker state a workload may use: its index, its own random source, a running sequence number.</summary>
internal sealed class WorkerContext(int index, int seed)
{
    /// <summary>The worker's index, 0-based.</summary>
    public int Index => index;

    /// <summary>The worker's own random source (not shared, so no locking).</summary>
    public Random Random { get; } = new(seed);

    /// <summary>How many requests this worker has issued so far; advanced by <see cref="Next"/>.</summary>
    public long Sequence { get; private set; }

    /// <summary>Returns the current sequence number and advances it.</summary>
    public long Next() => Sequence++;
}
