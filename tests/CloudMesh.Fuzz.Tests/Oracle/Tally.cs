using System.Text;

namespace CloudMesh.Fuzz.Tests.Oracle;

/// <summary>Counts of responses by status and error code, and by mutation and status, for the run's report.</summary>
internal sealed class Tally
{
    private readonly SortedDictionary<string, int> _byStatus = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _byMutation = new(StringComparer.Ordinal);

    public int Total { get; private set; }

    public IReadOnlyDictionary<string, int> ByStatus => _byStatus;

    public void Add(string mutation, int status, string? errorType)
    {
        Total++;
        Increment(_byStatus, errorType is null ? $"{status}" : $"{status} {errorType}");
        var kind = mutation.Split(':', 2)[0];
        Increment(_byMutation, $"{kind} → {status}");
    }

    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant($"responses: {Total}"));
        text.AppendLine("by status and error code:");
        foreach (var (key, count) in _byStatus)
        {
            text.AppendLine(FormattableString.Invariant($"  {count,6}  {key}"));
        }

        text.AppendLine("by mutation and status:");
        foreach (var (key, count) in _byMutation)
        {
            text.AppendLine(FormattableString.Invariant($"  {count,6}  {key}"));
        }

        return text.ToString();
    }

    private static void Increment(SortedDictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
