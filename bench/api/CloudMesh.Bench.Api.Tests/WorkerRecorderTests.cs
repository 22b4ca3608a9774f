using System.Net;
using CloudMesh.Bench.Api.Measurement;

namespace CloudMesh.Bench.Api.Tests;

public sealed class WorkerRecorderTests
{
    [Fact]
    public void Successes_keep_latency_and_failures_are_counted_by_status_or_exception()
    {
        var recorder = new WorkerRecorder();

        recorder.Record(HttpStatusCode.OK, 10);
        recorder.Record(HttpStatusCode.NoContent, 20);
        recorder.Record(HttpStatusCode.Conflict, 30);
        recorder.Record(HttpStatusCode.Conflict, 40);
        recorder.Record(HttpStatusCode.ServiceUnavailable, 50);
        recorder.RecordException(new HttpRequestException("reset"));

        Assert.Equal([10L, 20L], recorder.SuccessTicks);
        Assert.Equal(2, recorder.Errors["409"]);
        Assert.Equal(1, recorder.Errors["503"]);
        Assert.Equal(1, recorder.Errors["exception:HttpRequestException"]);
    }
}
