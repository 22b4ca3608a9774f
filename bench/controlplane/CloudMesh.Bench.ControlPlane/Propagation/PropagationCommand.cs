using System.Diagnostics;
using System.Text;
using CloudMesh.Bench.ControlPlane.Memory;
using CloudMesh.Bench.ControlPlane.Reporting;
using CloudMesh.Bench.ControlPlane.Setup;
using CloudMesh.Bench.ControlPlane.Statistics;

namespace CloudMesh.Bench.ControlPlane.Propagation;

/// <summary>
/// <c>propagation</c>: N simulated Envoys on one CloudMesh replica; memory per connected proxy, then the latency from
/// an App Mesh API write's response to the change reaching every proxy, over several writes.
/// </summary>
internal static class PropagationCommand
{
    /// <summary>Runs one fleet size and writes its JSON result.</summary>
    public static async Task ExecuteAsync(CommandLine options)
    {
        var api = new Uri(options.Required("api"));
        var xds = new Uri(options.Required("xds"));
        var token = options.Required("xds-token");
        var serverPid = options.Int("server-pid", 0, 1);
        var heapSocket = options.Optional("heap-socket");
        var proxies = options.Int("proxies", 100, 1);
        var writes = options.Int("writes", 10, 1);
        var settle = TimeSpan.FromSeconds(options.Int("settle", 3));
        var patience = TimeSpan.FromSeconds(options.Int("patience", 60, 1));
        var pause = TimeSpan.FromMilliseconds(options.Int("pause-ms", 300));
        var fleetWarmWrites = options.Int("fleet-warm-writes", 0);
        var ct = CancellationToken.None;
        void Log(string message) => Console.Error.WriteLine($"[propagation {proxies}] {message}");

        var lanes = AppMeshApi.CreateLanes(api, options.Required("access-key"), options.Required("secret-key"), options.Optional("region") ?? "us-east-1", 16);
        var mesh = new BenchMesh($"cpbench-{proxies}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3])}");
        var started = Stopwatch.GetTimestamp();
        await mesh.CreateAsync(lanes, proxies, ct);
        Log($"mesh {mesh.Name}: backend + {proxies} proxy nodes created in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");

        var nodeIds = Enumerable.Range(0, proxies).Select(i => mesh.NodeId(BenchMesh.ProxyNode(i))).ToArray();
        var port = 0; // index into BenchMesh.BackendPorts of the backend's current port
        byte[] Marker(int index) => Encoding.UTF8.GetBytes(mesh.BackendClusterName(BenchMesh.BackendPorts[index]));

        // Warm-up, not measured: a small fleet through two writes, so the server's xDS, compile and NOTIFY paths are
        // jitted and its pools filled before the baseline reading (else the first N=100 would pay for the JIT).
        await using (var warmUp = await ProxyFleet.ConnectAsync(xds, token, nodeIds[..Math.Min(proxies, 50)], Marker(port), 64, patience))
        {
            for (var i = 0; i < 2; i++)
            {
                port = 1 - port;
                warmUp.Arm(Marker(port));
                await mesh.MoveBackendAsync(lanes[0], BenchMesh.BackendPorts[port], ct);
                await warmUp.WaitConvergedAsync(patience);
            }
        }

        await Task.Delay(settle, ct);
        var rssBefore = ProcStatus.ResidentBytes(serverPid);
        var heapBefore = await HeapReading.ReadAsync(heapSocket, ct);

        started = Stopwatch.GetTimestamp();
        await using var fleet = await ProxyFleet.ConnectAsync(xds, token, nodeIds, Marker(port), 64, patience + TimeSpan.FromMilliseconds(20 * proxies));
        var connectSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var unconfigured = fleet.Proxies.Count(p => p.ConvergedAt == 0);
        Log($"{proxies} streams connected in {connectSeconds:0.0} s ({unconfigured} without their first configuration)");
        if (unconfigured > 0)
        {
            throw new InvalidOperationException($"{unconfigured} streams never received their configuration: {string.Join("; ", fleet.Failures.Take(3))}");
        }

        await Task.Delay(settle, ct);
        var rssAfter = ProcStatus.ResidentBytes(serverPid);
        var heapAfter = await HeapReading.ReadAsync(heapSocket, ct);
        var memory = new MemoryResult(rssBefore, rssAfter, heapBefore?.LiveBytes, heapAfter?.LiveBytes);
        Log($"server RSS {rssBefore / 1048576.0:0.0} → {rssAfter / 1048576.0:0.0} MiB ({memory.RssPerProxy(proxies) / 1024:0.0} KiB per proxy)" +
            (memory.HeapPerProxy(proxies) is { } heap ? $", managed heap {heap / 1024:0.0} KiB per proxy" : ", managed heap not read"));

        // Optional, not measured: writes with the whole fleet connected, so the paths a write takes with N streams
        // (not only the small warm-up's) are jitted and tiered up before measuring: the steady state of a server
        // that has been up for a while. 0 measures the first writes a freshly started server sees at this size.
        for (var w = 0; w < fleetWarmWrites; w++)
        {
            await Task.Delay(pause, ct);
            port = 1 - port;
            fleet.Arm(Marker(port));
            await mesh.MoveBackendAsync(lanes[0], BenchMesh.BackendPorts[port], ct);
            var pending = await fleet.WaitConvergedAsync(patience);
            Log($"full-fleet warm-up write {w + 1}/{fleetWarmWrites}: {pending} streams pending (not measured)");
        }

        var all = new List<double>();
        var perWrite = new List<LatencySummary>();
        var missed = 0;
        var updated = new int[proxies];
        var serverCpu = ProcStat.CpuTime(serverPid);
        var generatorCpu = ProcStat.CpuTime(Environment.ProcessId);
        var writesStarted = Stopwatch.GetTimestamp();
        for (var w = 0; w < writes; w++)
        {
            await Task.Delay(pause, ct);
            port = 1 - port;
            fleet.Arm(Marker(port));
            var answered = await mesh.MoveBackendAsync(lanes[0], BenchMesh.BackendPorts[port], ct);
            var pending = await fleet.WaitConvergedAsync(patience);
            var samples = fleet.LatenciesSince(answered);
            for (var i = 0; i < proxies; i++)
            {
                updated[i] += fleet.Proxies[i].ConvergedAt != 0 ? 1 : 0;
            }

            missed += pending;
            all.AddRange(samples);
            var summary = LatencySummary.Of(samples);
            perWrite.Add(summary);
            Log($"write {w + 1}/{writes} (backend → :{BenchMesh.BackendPorts[port]}): p50 {summary.P50} ms, p99 {summary.P99} ms, max {summary.Max} ms, {pending} missed");
        }

        // Per write, over the whole phase (pauses included): who used the shared cores while changes propagated.
        var cpu = new CpuResult(
            Math.Round(Stopwatch.GetElapsedTime(writesStarted).TotalMilliseconds / writes, 1),
            Math.Round((ProcStat.CpuTime(serverPid) - serverCpu).TotalMilliseconds / writes, 1),
            Math.Round((ProcStat.CpuTime(Environment.ProcessId) - generatorCpu).TotalMilliseconds / writes, 1));
        var result = new PropagationResult(proxies, writes, LatencySummary.Of(all), perWrite, missed, updated.Count(u => u == 0),
            [.. fleet.Failures.Take(5)], Math.Round(connectSeconds, 2), memory, cpu, fleetWarmWrites);
        await ResultFiles.WriteAsync(options.Required("out"), result);
        Log($"per write: {cpu.WallMs} ms wall, server CPU {cpu.ServerCpuMs} ms, generator CPU {cpu.GeneratorCpuMs} ms");
        Log($"all writes: p50 {result.Propagation.P50} ms, p99 {result.Propagation.P99} ms over {result.Propagation.Count} samples");
    }
}
