using System.Text;
using CloudMesh.Prometheus;

namespace CloudMesh.ControlPlane.Diagnostics;

/// <summary>A monotonically increasing counter without labels. Thread-safe.</summary>
internal sealed class Counter(string name, string help)
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Increment() => Interlocked.Increment(ref _value);

    public void WriteTo(StringBuilder output)
    {
        PrometheusText.Header(output, name, "counter", help);
        PrometheusText.Sample(output, name, [], Value);
    }
}
