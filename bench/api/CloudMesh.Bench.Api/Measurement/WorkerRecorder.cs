using System.Net;

namespace CloudMesh.Bench.Api.Measurement;

/// <summary>What one worker observed in the measured window. Owned by one worker, so no locking.</summary>
internal sealed class WorkerRecorder
{
    private readonly List<long> _successTicks = new(capacity: 16 * 1024);

    /// <summary>Latencies of successful requests, in <see cref="TimeProvider"/> timestamp ticks.</summary>
    public IReadOnlyList<long> SuccessTicks => _successTicks;

    /// <summary>Failed requests by HTTP status code, or by exception type for transport failures.</summary>
    public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Records one completed request.</summary>
    public void Record(HttpStatusCode status, long elapsedTicks)
    {
        if (status is >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices)
        {
            _successTicks.Add(elapsedTicks);
        }
        else
        {
            Count(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Records a request that failed without an HTTP response.</summary>
    public void RecordException(Exception exception) => Count("exception:" + exception.GetType().Name);

    private void Count(string key) => Errors[key] = Errors.GetValueOrDefault(key) + 1;
}
