using System.Text;
using CloudMesh.Bench.ControlPlane.Statistics;

namespace CloudMesh.Bench.ControlPlane.Reporting;

/// <summary>
/// The results as markdown tables (numbers format invariantly: the projects build with InvariantGlobalization): propagation with its ratio
/// to the NOTIFY peer, memory, compile, targets.
/// </summary>
internal static class MarkdownReport
{
    /// <summary>Renders whatever parts were run (a null or empty part is left out, and its target reported as not run).</summary>
    public static string Render(IReadOnlyList<PropagationResult> fleets, NotifyResult? peer, CompileResult? compile)
    {
        var text = new StringBuilder();
        var ordered = fleets.OrderBy(f => f.Proxies).ToArray();
        if (ordered.Length > 0)
        {
            text.AppendLine("Propagation: UpdateVirtualNode's HTTP response read by the writer → the change received (and ACKed at once) by each proxy; " +
                "samples are (proxy, write) pairs. Ratios are to the raw NOTIFY peer below (same machine, same run).");
            text.AppendLine();
            text.AppendLine("| proxies | writes | samples | p50 ms | p90 ms | p99 ms | max ms | p50 vs NOTIFY | p99 vs NOTIFY | missed samples | streams without update | connect s |");
            text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var f in ordered)
            {
                var p = f.Propagation;
                text.AppendLine($"| {f.Proxies:N0} | {f.Writes} | {p.Count:N0} | {p.P50:0.0} | {p.P90:0.0} | {p.P99:0.0} | {p.Max:0.0} | " +
                    $"{Ratio.Format(peer is null ? null : Ratio.Of(p.P50, peer.Latency.P50))} | {Ratio.Format(peer is null ? null : Ratio.Of(p.P99, peer.Latency.P99))} | " +
                    $"{f.MissedSamples} | {f.StreamsWithoutUpdate} ({Share(f.StreamsWithoutUpdate, f.Proxies)}) | {f.ConnectSeconds:0.0} |");
            }

            text.AppendLine();
            text.AppendLine(ordered.Any(f => f.FleetWarmWrites > 0)
                ? "Before the measured writes, unmeasured writes with the whole fleet connected (steady state: the server's paths for that many " +
                    $"streams jitted and tiered up): {string.Join(", ", ordered.Select(f => $"{f.FleetWarmWrites} at {f.Proxies:N0}"))}."
                : "No unmeasured writes with the whole fleet before the measured ones: the first writes a freshly started server sees at each size " +
                    "(its paths for that many streams still being jitted).");
            text.AppendLine();
            text.AppendLine("Memory of the server process only (its own process; KB = 1,000 bytes): VmRSS before the fleet connected (after setup and an " +
                "unmeasured 50-stream warm-up) and with the fleet connected and settled; managed heap = live bytes after a full blocking GC, read " +
                "through a startup hook (no product code).");
            text.AppendLine();
            text.AppendLine("| proxies | RSS before MB | RSS after MB | RSS per proxy KB | managed heap per proxy KB |");
            text.AppendLine("|---:|---:|---:|---:|---:|");
            foreach (var f in ordered)
            {
                var heap = f.Memory.HeapPerProxy(f.Proxies) is { } h ? $"{h / 1000:0.0}" : "not read";
                text.AppendLine($"| {f.Proxies:N0} | {f.Memory.RssBefore / 1e6:0.0} | {f.Memory.RssAfter / 1e6:0.0} | {f.Memory.RssPerProxy(f.Proxies) / 1000:0.0} | {heap} |");
            }

            text.AppendLine();
            text.AppendLine("CPU per write during the write phase (wall time includes the pause between writes; two cores in all, shared with other work):");
            text.AppendLine();
            text.AppendLine("| proxies | wall ms | server CPU ms | load generator CPU ms |");
            text.AppendLine("|---:|---:|---:|---:|");
            foreach (var f in ordered)
            {
                text.AppendLine($"| {f.Proxies:N0} | {f.Cpu.WallMs:0} | {f.Cpu.ServerCpuMs:0} | {f.Cpu.GeneratorCpuMs:0} |");
            }

            text.AppendLine();
        }

        if (peer is not null)
        {
            var l = peer.Latency;
            text.AppendLine($"Peer: raw PostgreSQL NOTIFY, transaction COMMIT returned → LISTENing Npgsql connection notified, {l.Count} samples: " +
                $"p50 {l.P50:0.000} ms, p90 {l.P90:0.000} ms, p99 {l.P99:0.000} ms, max {l.Max:0.000} ms.");
            text.AppendLine();
        }

        if (compile is not null)
        {
            text.AppendLine($"Compile: Prepare + every proxy's configuration for a synthetic mesh of {compile.VirtualNodes:N0} virtual nodes " +
                $"({compile.Resources:N0} xDS resources), in-process, after {compile.WarmUpRuns} warm-up runs: median {compile.Times.Median:0.0} ms, " +
                $"best {compile.Times.Best:0.0} ms over {compile.Times.Runs.Count} runs.");
            text.AppendLine();
        }

        text.AppendLine("| target (issue 3 §6) | measured | verdict |");
        text.AppendLine("|---|---:|---|");
        var judged = ordered.FirstOrDefault(f => f.Proxies == Targets.JudgedFleet);
        text.AppendLine(judged is null
            ? "| p99 propagation ≤ 100 ms at 1,000 proxies | not run | **not met** (not measured) |"
            : ($"| p99 propagation ≤ 100 ms at 1,000 proxies (and no stream left without the update) | {judged.Propagation.P99:0.0} ms, {judged.StreamsWithoutUpdate} without | " +
                $"{Targets.Verdict(judged.Propagation.P99 <= Targets.PropagationP99Ms && judged.MissedSamples == 0)} |"));
        text.AppendLine(judged is null
            ? "| ≤ 100 KB per connected proxy (RSS, at 1,000) | not run | **not met** (not measured) |"
            : ($"| ≤ 100 KB per connected proxy (RSS, at 1,000) | {judged.Memory.RssPerProxy(judged.Proxies) / 1000:0.0} KB | " +
                $"{Targets.Verdict(judged.Memory.RssPerProxy(judged.Proxies) <= Targets.BytesPerProxy)} |"));
        text.AppendLine(compile is null || compile.VirtualNodes != Targets.CompileNodes
            ? "| ≤ 1 s to compile 10,000 nodes | not run | **not met** (not measured) |"
            : ($"| ≤ 1 s to compile 10,000 nodes (median) | {compile.Times.Median:0.0} ms | {Targets.Verdict(compile.Times.Median <= Targets.CompileMs)} |"));
        text.AppendLine();
        text.AppendLine("Context only, not measured in this run: Kuma regenerates each proxy's configuration on a ~1 s tick and documents " +
            "~1 MB of control-plane memory per dataplane; Istio users report p90 convergence of 1.5–4.5 s.");
        return text.ToString();
    }

    private static string Share(int part, int whole) => whole == 0 ? "–" : ($"{100.0 * part / whole:0.#}%");
}
