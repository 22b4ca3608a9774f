using System.Collections.Concurrent;

namespace CloudMesh.Grpc.Tests.Support;

/// <summary>
/// How tagged calls ended on the server, for tests that check what the server observed; and gates that keep a
/// handler busy until the test releases it.
/// </summary>
public sealed class CallOutcomes
{
    private readonly ConcurrentDictionary<string, string> _outcomes = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

    public void Record(string tag, string outcome)
    {
        if (tag.Length > 0)
        {
            _outcomes[tag] = outcome;
        }
    }

    public string Get(string tag) => _outcomes.TryGetValue(tag, out var outcome) ? outcome : "";

    /// <summary>Completes when the test calls <see cref="Release"/> for <paramref name="tag"/>, or after <paramref name="limit"/>.</summary>
    public Task WaitForReleaseAsync(string tag, TimeSpan limit) =>
        Task.WhenAny(Gate(tag).Task, Task.Delay(limit));

    public void Release(string tag) => Gate(tag).TrySetResult();

    private TaskCompletionSource Gate(string tag) => _gates.GetOrAdd(tag, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
