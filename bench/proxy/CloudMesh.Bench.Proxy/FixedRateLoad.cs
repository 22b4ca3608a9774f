using System.Diagnostics;

namespace CloudMesh.Bench.Proxy;

/// <summary>The outcome of one fixed-rate run: latencies in milliseconds of the requests that finished in the window.</summary>
internal sealed record FixedRateResult(double AchievedRate, double[] LatenciesMs, int Non200, int Errors);

/// <summary>
/// Open-loop load at a fixed rate: connection j of C sends requests j, j+C, j+2C, ... each at its scheduled time
/// t0 + i/rate. A request's latency runs from its scheduled time when its connection was still busy then (the
/// system made it late: coordinated omission is charged), and from its actual send otherwise (a late timer wakeup
/// is the generator's, not the target's).
/// </summary>
internal static class FixedRateLoad
{
    public static async Task<FixedRateResult> RunAsync(
        Uri url, string host, int rate, int connections, TimeSpan warmup, TimeSpan duration, CancellationToken ct)
    {
        var clients = new RawHttpClient[connections];
        for (int j = 0; j < connections; j++)
        {
            clients[j] = await RawHttpClient.ConnectAsync(url, host, ct);
        }

        double ticksPerRequest = (double)Stopwatch.Frequency / rate;
        long start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        long measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        long end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perConnection = new List<double>[connections];
        int non200 = 0, errors = 0;

        var workers = Enumerable.Range(0, connections).Select(j => Task.Run(async () =>
        {
            var latencies = perConnection[j] = new List<double>(rate * (int)Math.Ceiling(duration.TotalSeconds) / connections + 16);
            for (long i = j; ; i += connections)
            {
                long scheduled = start + (long)(i * ticksPerRequest);
                if (scheduled >= end)
                {
                    break;
                }

                long now = Stopwatch.GetTimestamp();
                long from = scheduled;
                if (now < scheduled)
                {
                    var wait = Stopwatch.GetElapsedTime(now, scheduled);
                    if (wait > TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(wait, ct);
                    }

                    while (Stopwatch.GetTimestamp() < scheduled)
                    {
                        Thread.Yield();
                    }

                    from = Stopwatch.GetTimestamp();
                }

                int status;
                try
                {
                    status = await clients[j].SendAsync(ct);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                    await clients[j].DisposeAsync();
                    clients[j] = await RawHttpClient.ConnectAsync(url, host, ct);
                    continue;
                }

                if (scheduled < measureFrom)
                {
                    continue;
                }

                if (status != 200)
                {
                    Interlocked.Increment(ref non200);
                }

                latencies.Add(Stopwatch.GetElapsedTime(from).TotalMilliseconds);
            }
        }, ct)).ToArray();
        await Task.WhenAll(workers);
        long finished = Stopwatch.GetTimestamp();
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        var all = perConnection.SelectMany(l => l).ToArray();
        double seconds = Stopwatch.GetElapsedTime(measureFrom, Math.Max(finished, end)).TotalSeconds;
        return new FixedRateResult(all.Length / seconds, all, non200, errors);
    }
}
