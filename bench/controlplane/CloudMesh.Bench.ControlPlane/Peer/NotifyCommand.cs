using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CloudMesh.Bench.ControlPlane.Reporting;
using CloudMesh.Bench.ControlPlane.Statistics;
using Npgsql;

namespace CloudMesh.Bench.ControlPlane.Peer;

/// <summary>
/// <c>notify</c>: the floor CloudMesh's propagation rests on, measured in the same run on the same PostgreSQL: a
/// transaction that NOTIFYs commits, and a LISTENing Npgsql connection receives it. Timed from the commit returning to
/// the writer (the analogue of the API response) to the notification event on the listener.
/// </summary>
internal static class NotifyCommand
{
    private const string Channel = "cloudmesh_bench_peer";

    /// <summary>Sends the notifications one at a time, each after the previous one arrived, and writes the summary.</summary>
    public static async Task ExecuteAsync(CommandLine options)
    {
        var database = options.Required("db");
        var samples = options.Int("samples", 200, 1);
        var pause = TimeSpan.FromMilliseconds(options.Int("pause-ms", 20));
        var received = new ConcurrentDictionary<int, long>();
        using var stop = new CancellationTokenSource();

        await using var listener = new NpgsqlConnection(database);
        await listener.OpenAsync();
        listener.Notification += (_, e) =>
        {
            var at = Stopwatch.GetTimestamp();
            if (e.Channel == Channel && int.TryParse(e.Payload, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                received.TryAdd(id, at);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var waiting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await listener.WaitAsync(stop.Token);
            }
        });

        await using var writer = new NpgsqlConnection(database);
        await writer.OpenAsync();
        var latencies = new List<double>();
        for (var i = -10; i < samples; i++) // the first ten warm both connections up and are not counted
        {
            await Task.Delay(pause);
            await using var transaction = await writer.BeginTransactionAsync();
            await using (var notify = new NpgsqlCommand($"SELECT pg_notify('{Channel}', '{i}')", writer, transaction))
            {
                await notify.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            var committed = Stopwatch.GetTimestamp();
            var deadline = committed + 10 * Stopwatch.Frequency;
            long at;
            while (!received.TryGetValue(i, out at))
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new TimeoutException($"Notification {i} did not arrive within 10 s.");
                }

                await Task.Delay(1);
            }

            if (i >= 0)
            {
                latencies.Add((at - committed) * 1000.0 / Stopwatch.Frequency);
            }
        }

        await stop.CancelAsync();
        await waiting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var result = new NotifyResult(LatencySummary.Of(latencies));
        await ResultFiles.WriteAsync(options.Required("out"), result);
        Console.Error.WriteLine($"[notify] p50 {result.Latency.P50} ms, p99 {result.Latency.P99} ms over {samples} notifications");
    }
}
