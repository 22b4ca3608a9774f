using System.Text.RegularExpressions;

namespace CloudMesh.Bench.ControlPlane.Reporting;

/// <summary><c>report --dir DIR</c>: reads <c>propagation-&lt;N&gt;.json</c>, <c>notify.json</c> and <c>compile.json</c> and prints the tables.</summary>
internal static partial class ReportCommand
{
    /// <summary>Prints the markdown report of a results directory to standard output.</summary>
    public static void Execute(CommandLine options)
    {
        var dir = options.Required("dir");
        var fleets = Directory.EnumerateFiles(dir, "propagation-*.json")
            .Where(path => PropagationFile().IsMatch(Path.GetFileName(path)))
            .Select(path => ResultFiles.Read<PropagationResult>(path)!)
            .ToArray();
        Console.Write(MarkdownReport.Render(fleets, ResultFiles.Read<NotifyResult>(Path.Combine(dir, "notify.json")),
            ResultFiles.Read<CompileResult>(Path.Combine(dir, "compile.json"))));
    }

    [GeneratedRegex(@"^propagation-\d+\.json$")]
    private static partial Regex PropagationFile();
}
