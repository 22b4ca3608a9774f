using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CloudMesh.Fuzz.Tests.Oracle;

namespace CloudMesh.Fuzz.Tests.Campaign;

/// <summary>What a run did and found.</summary>
internal sealed record FuzzOutcome(FuzzSettings Settings, Tally Tally, FailureLog Failures, int Unsendable, int ProbesOfB, int FinalResources, TimeSpan Elapsed)
{
    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"CloudMesh fuzz: seed {Settings.Seed} ({FuzzSettings.SeedVariable}), {Settings.Iterations} iterations ({FuzzSettings.IterationsVariable}), {Elapsed.TotalSeconds:F1} s");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"tenant B probes: {ProbesOfB}; requests the HTTP client refused to build: {Unsendable}; tenant A resources at the end: {FinalResources}");
        text.Append(Tally.Report());
        text.AppendLine(CultureInfo.InvariantCulture, $"failures: {Failures.Count}, by kind (count, then the first example):");
        foreach (var group in Failures.Failures.GroupBy(f => Signature(f.Problem) + " / " + MutationOf(f.Request)).OrderByDescending(g => g.Count()))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"[{group.Count()}x] {group.First()}");
        }

        return text.ToString();
    }

    private static string MutationOf(string request)
    {
        var match = Regex.Match(request, @"\[([a-z-]+)");
        return match.Success ? match.Groups[1].Value : request;
    }

    // Problems differing only in names, numbers and quoted values are one kind of failure.
    private static string Signature(string problem) =>
        Regex.Replace(problem, @"'[^']*'|""[^""]*""|\{.*\}|\[.*\]|\d+|arn:\S+", "_");
}
