using System.Collections.Concurrent;
using System.Text;
using CloudMesh.Prometheus;

namespace CloudMesh.ControlPlane.Diagnostics;

/// <summary>A monotonically increasing counter with one label. Thread-safe and lock-free on increment.</summary>
internal sealed class LabeledCounter(string name, string help, string labelName)
{
    private readonly ConcurrentDictionary<string, Cell> _values = new(StringComparer.Ordinal);

    public void Increment(string labelValue, long by = 1) =>
        Interlocked.Add(ref _values.GetOrAdd(labelValue, static _ => new Cell()).Value, by);

    public long Get(string labelValue) => _values.TryGetValue(labelValue, out Cell? box) ? Interlocked.Read(ref box.Value) : 0;

    public void WriteTo(StringBuilder output)
    {
        PrometheusText.Header(output, name, "counter", help);
        foreach (KeyValuePair<string, Cell> entry in _values.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            PrometheusText.Sample(output, name, [new(labelName, entry.Key)], Interlocked.Read(ref entry.Value.Value));
        }
    }

    /// <summary>A heap cell Interlocked can update in place.</summary>
    private sealed class Cell
    {
        public long Value;
    }
}
