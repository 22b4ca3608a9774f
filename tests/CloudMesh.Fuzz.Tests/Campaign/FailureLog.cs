using CloudMesh.Fuzz.Tests.Mutation;
using CloudMesh.Fuzz.Tests.Oracle;
using CloudMesh.TestSupport.ApiServer;

namespace CloudMesh.Fuzz.Tests.Campaign;

/// <summary>Every broken promise of a run (the first few hundred in full; the rest only counted).</summary>
internal sealed class FailureLog
{
    private const int Kept = 300;
    private readonly List<Failure> _failures = [];

    public int Count { get; private set; }

    public IReadOnlyList<Failure> Failures => _failures;

    public void Add(int iteration, FuzzRequest? request, ApiResponse? response, string problem) =>
        Add(new Failure(iteration, request?.Describe() ?? "(after the run)", response is null ? "(none)" : Cut(response.ToString()), problem));

    public void Add(Failure failure)
    {
        Count++;
        if (_failures.Count < Kept)
        {
            _failures.Add(failure);
        }
    }

    private static string Cut(string text) => text.Length > 800 ? $"{text[..800]}… ({text.Length} chars)" : text;
}
