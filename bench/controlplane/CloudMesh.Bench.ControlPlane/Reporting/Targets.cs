namespace CloudMesh.Bench.ControlPlane.Reporting;

/// <summary>Issue 3 §6's targets, judged as stated (never adjusted to the results).</summary>
internal static class Targets
{
    /// <summary>The fleet size the latency and memory targets are stated for.</summary>
    public const int JudgedFleet = 1_000;

    /// <summary>p99 propagation at <see cref="JudgedFleet"/> proxies, milliseconds.</summary>
    public const double PropagationP99Ms = 100;

    /// <summary>Server memory per connected proxy, bytes (100 KB, decimal).</summary>
    public const double BytesPerProxy = 100_000;

    /// <summary>Prepare + compile of a 10,000-node mesh, milliseconds (judged on the median run).</summary>
    public const double CompileMs = 1_000;

    /// <summary>The mesh size the compile target is stated for.</summary>
    public const int CompileNodes = 10_000;

    /// <summary>"met" or "**not met**".</summary>
    public static string Verdict(bool met) => met ? "met" : "**not met**";
}
