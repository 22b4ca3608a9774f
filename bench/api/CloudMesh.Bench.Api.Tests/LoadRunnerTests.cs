using System.Net;
using CloudMesh.Bench.Api.Measurement;
using CloudMesh.Bench.Api.Workloads;
using CloudMesh.SigV4;

namespace CloudMesh.Bench.Api.Tests;

public sealed class LoadRunnerTests
{
    [Fact]
    public async Task Only_requests_that_start_after_warm_up_and_end_inside_the_window_are_recorded()
    {
        // 1 tick = 1 ms; every request takes 7 ticks of the fake clock. Warm-up is ticks 0..10, the window 10..110:
        // requests start at 0, 7 (warm-up), 14, 21, ..., 98 (13 recorded), 105 (ends at 112, past the window), and none at 112.
        var clock = new ManualClock();
        var workload = new FixedCostWorkload(clock, ticks: 7, HttpStatusCode.OK);

        var recorders = await new LoadRunner(clock).RunAsync(workload, [Client(clock)],
            warmUp: TimeSpan.FromMilliseconds(10), duration: TimeSpan.FromMilliseconds(100), seed: 1);

        var recorder = Assert.Single(recorders);
        Assert.Equal(13, recorder.SuccessTicks.Count);
        Assert.All(recorder.SuccessTicks, t => Assert.Equal(7, t));
        Assert.Equal(16, workload.Calls);
        Assert.Empty(recorder.Errors);
    }

    [Fact]
    public async Task Failures_inside_the_window_are_counted_not_timed()
    {
        var clock = new ManualClock();
        var workload = new FixedCostWorkload(clock, ticks: 10, HttpStatusCode.Conflict);

        var recorders = await new LoadRunner(clock).RunAsync(workload, [Client(clock)],
            warmUp: TimeSpan.Zero, duration: TimeSpan.FromMilliseconds(50), seed: 1);

        var recorder = Assert.Single(recorders);
        Assert.Empty(recorder.SuccessTicks);
        Assert.Equal(5, recorder.Errors["409"]);
    }

    private static AppMeshClient Client(TimeProvider clock) => new(new HttpClient(), new Uri("http://127.0.0.1:1/"),
        new SigV4Signer(new SigV4Credential("AKIA", "secret", "p"), "us-east-1", "appmesh", clock));

    /// <summary>A clock that moves only when told to; 1,000 ticks per second.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => Interlocked.Read(ref _now);

        public void Advance(long ticks) => Interlocked.Add(ref _now, ticks);
    }

    /// <summary>A workload whose every request "takes" a fixed number of clock ticks and answers one status.</summary>
    private sealed class FixedCostWorkload(ManualClock clock, long ticks, HttpStatusCode status) : Workload(new BenchFixture("m", ["n"]))
    {
        private int _calls;

        public int Calls => _calls;

        public override Task<HttpStatusCode> ExecuteOnceAsync(AppMeshClient client, WorkerContext worker, CancellationToken ct)
        {
            Interlocked.Increment(ref _calls);
            clock.Advance(ticks);
            return Task.FromResult(status);
        }
    }
}
