using System.Text.Json;
using CloudMesh.Bench.Api.Measurement;
using CloudMesh.Bench.Api.Reporting;

namespace CloudMesh.Bench.Api;

/// <summary><c>report</c>: read every result JSON in a directory and print the markdown table.</summary>
internal static class ReportCommand
{
    /// <summary>Prints the table for the results in <c>--dir</c>, comparing <c>--subject</c> (default cloudmesh) with <c>--baseline</c> (default moto).</summary>
    public static async Task ExecuteAsync(IReadOnlyList<string> args)
    {
        var values = CommandLine.Pairs(args);
        var dir = CommandLine.Required(values, "dir");
        var results = new List<RunResult>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(file);
            results.Add(await JsonSerializer.DeserializeAsync<RunResult>(stream, ResultJson.Options)
                ?? throw new InvalidDataException($"{file} holds no result."));
        }

        Console.Write(MarkdownReport.Render(results, values.GetValueOrDefault("subject") ?? "cloudmesh", values.GetValueOrDefault("baseline") ?? "moto"));
    }
}
