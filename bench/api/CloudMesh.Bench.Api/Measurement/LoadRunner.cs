using CloudMesh.Bench.Api.Workloads;

namespace CloudMesh.Bench.Api.Measurement;

/// <summary>
/// Runs a closed loop: every worker issues a request, waits for the answer, and issues the next, for warm-up plus the
/// measured window. Only requests that start and finish inside the window count, so warm-up and the tail that
/// straddles the end are excluded alike.
/// </summary>
internal sealed class LoadRunner(TimeProvider time)
{
    /// <summary>Drives <paramref name="workload"/> with one worker per client and returns each worker's recording.</summary>
    public async Task<IReadOnlyList<WorkerRecorder>> RunAsync(
        Workload workload, IReadOnlyList<AppMeshClient> clients, TimeSpan warmUp, TimeSpan duration, int seed)
    {
        var start = time.GetTimestamp();
        var measureStart = start + Ticks(warmUp);
        var measureEnd = measureStart + Ticks(duration);
        var recorders = clients.Select(_ => new WorkerRecorder()).ToArray();
        await Task.WhenAll(clients.Select((client, i) => Task.Run(() =>
            WorkerLoopAsync(workload, client, new WorkerContext(i, seed + i), recorders[i], measureStart, measureEnd))));
        return recorders;
    }

    private async Task WorkerLoopAsync(Workload workload, AppMeshClient client, WorkerContext worker, WorkerRecorder recorder, long measureStart, long measureEnd)
    {
        while (true)
        {
            var began = time.GetTimestamp();
            if (began >= measureEnd)
            {
                return;
            }

            try
            {
                var status = await workload.ExecuteOnceAsync(client, worker, CancellationToken.None).ConfigureAwait(false);
                var ended = time.GetTimestamp();
                if (began >= measureStart && ended <= measureEnd)
                {
                    recorder.Record(status, ended - began);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                if (began >= measureStart)
                {
                    recorder.RecordException(ex);
                }
            }
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
