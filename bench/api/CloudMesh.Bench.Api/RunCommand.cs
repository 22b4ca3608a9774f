using System.Globalization;
using System.Text.Json;
using CloudMesh.Bench.Api.Measurement;
using CloudMesh.Bench.Api.Workloads;
using CloudMesh.SigV4;

namespace CloudMesh.Bench.Api;

/// <summary><c>run</c>: set up a mesh, drive one workload against one endpoint, print the result as JSON.</summary>
internal static class RunCommand
{
    /// <summary>Runs the benchmark described by <paramref name="options"/>; progress goes to stderr, the result to stdout.</summary>
    public static async Task<RunResult> ExecuteAsync(RunOptions options, TimeProvider time)
    {
        var runId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);
        using var http = AppMeshClient.CreateHttpClient(options.Concurrency);
        // One signer per worker, as N independent SDK clients would have.
        var clients = Enumerable.Range(0, options.Concurrency)
            .Select(_ => new AppMeshClient(http, options.Endpoint, new SigV4Signer(
                new SigV4Credential(options.AccessKeyId, options.SecretAccessKey, "bench"), options.Region, "appmesh", time)))
            .ToArray();

        var setupStarted = time.GetTimestamp();
        var fixture = await BenchFixture.CreateAsync(clients, runId, options.Workload, options.Nodes, CancellationToken.None);
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"[{options.Target}/{options.Workload.Name()}] setup: mesh {fixture.MeshName} with {options.Nodes} nodes in {time.GetElapsedTime(setupStarted).TotalSeconds:0.0} s; " +
            $"running {options.Concurrency} workers for {options.WarmUp.TotalSeconds:0.#} s warm-up + {options.Duration.TotalSeconds:0.#} s"));

        var workload = Workload.For(options.Workload, fixture, runId);
        var recorders = await new LoadRunner(time).RunAsync(workload, clients, options.WarmUp, options.Duration, seed: 17);

        var ops = recorders.Sum(r => (long)r.SuccessTicks.Count);
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in recorders.SelectMany(r => r.Errors))
        {
            errors[key] = errors.GetValueOrDefault(key) + count;
        }

        var seconds = options.Duration.TotalSeconds;
        var result = new RunResult(
            options.Target,
            options.Workload.Name(),
            options.Workload.Operation(),
            options.Endpoint.ToString(),
            options.Concurrency,
            options.Nodes,
            options.WarmUp.TotalSeconds,
            seconds,
            ops,
            seconds > 0 ? Math.Round(ops / seconds, 1) : 0,
            LatencySummary.FromTicks(recorders.SelectMany(r => r.SuccessTicks), time.TimestampFrequency),
            errors.Values.Sum(),
            errors,
            clients.Sum(c => c.Sent));

        var json = JsonSerializer.Serialize(result, ResultJson.Options);
        Console.WriteLine(json);
        if (options.OutputFile is { } file)
        {
            await File.WriteAllTextAsync(file, json + "\n");
        }

        return result;
    }
}
