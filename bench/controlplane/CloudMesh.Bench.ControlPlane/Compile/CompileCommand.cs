using System.Diagnostics;
using CloudMesh.Bench.ControlPlane.Reporting;
using CloudMesh.Bench.ControlPlane.Statistics;
using CloudMesh.ControlPlane.Compiler.Benchmarking;

namespace CloudMesh.Bench.ControlPlane.Compile;

/// <summary>
/// <c>compile</c>: the compiler in this process, timing <see cref="CompileWorkload.CompileEveryProxy"/> (Prepare plus
/// every proxy's configuration) on <see cref="SyntheticMesh"/> of N virtual nodes, after unmeasured warm-up runs.
/// </summary>
internal static class CompileCommand
{
    /// <summary>Runs the measurement and writes its JSON result.</summary>
    public static async Task ExecuteAsync(CommandLine options)
    {
        var nodes = options.Int("nodes", 10_000, 4);
        var runs = options.Int("runs", 7, 1);
        var warmUp = options.Int("warmup", 2);
        var snapshot = SyntheticMesh.Create(nodes);
        var resources = 0;
        for (var i = 0; i < warmUp; i++)
        {
            resources = CompileWorkload.CompileEveryProxy(snapshot);
        }

        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            // Each run starts from a collected heap, so one run's garbage is not charged to the next.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var started = Stopwatch.GetTimestamp();
            resources = CompileWorkload.CompileEveryProxy(snapshot);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var result = new CompileResult(nodes, resources, warmUp, RunTimes.Of(times));
        await ResultFiles.WriteAsync(options.Required("out"), result);
        Console.Error.WriteLine($"[compile {nodes}] median {result.Times.Median} ms, best {result.Times.Best} ms over {runs} runs ({resources} resources each)");
    }
}
