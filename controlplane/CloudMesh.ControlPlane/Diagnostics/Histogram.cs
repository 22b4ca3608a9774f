using System.Text;
using CloudMesh.Prometheus;

namespace CloudMesh.ControlPlane.Diagnostics;

/// <summary>A Prometheus histogram with fixed upper bounds (seconds). Thread-safe; observing takes no lock.</summary>
internal sealed class Histogram
{
    private readonly string _name;
    private readonly string _help;
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private long _count;
    private long _sumMicroseconds;

    public Histogram(string name, string help, double[] upperBounds)
    {
        _name = name;
        _help = help;
        _bounds = upperBounds;
        _counts = new long[upperBounds.Length];
    }

    /// <summary>Latency buckets from 0.5 ms to 10 s.</summary>
    public static double[] LatencyBuckets => [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public long Count => Interlocked.Read(ref _count);

    public void Observe(TimeSpan duration)
    {
        double seconds = Math.Max(0, duration.TotalSeconds);
        for (int i = 0; i < _bounds.Length; i++)
        {
            if (seconds <= _bounds[i])
            {
                Interlocked.Increment(ref _counts[i]);
                break;
            }
        }

        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicroseconds, (long)(seconds * 1_000_000));
    }

    public void WriteTo(StringBuilder output)
    {
        PrometheusText.Header(output, _name, "histogram", _help);
        long cumulative = 0;
        for (int i = 0; i < _bounds.Length; i++)
        {
            cumulative += Interlocked.Read(ref _counts[i]);
            PrometheusText.Sample(output, _name + "_bucket", [new("le", PrometheusText.Format(_bounds[i]))], cumulative);
        }

        // Buckets and the count are updated separately; never let +Inf fall below the last bucket.
        long count = Math.Max(cumulative, Interlocked.Read(ref _count));
        PrometheusText.Sample(output, _name + "_bucket", [new("le", "+Inf")], count);
        PrometheusText.Sample(output, _name + "_sum", [], Interlocked.Read(ref _sumMicroseconds) / 1_000_000.0);
        PrometheusText.Sample(output, _name + "_count", [], count);
    }
}
