using System.Diagnostics;
using CloudMesh.TestSupport;

namespace CloudMesh.Pulumi.Sdk.Tests;

/// <summary>Runs one command to completion in a folder, keeping stdout and stderr together for failure messages.</summary>
internal static class CommandLine
{
    /// <summary>Runs a command to completion.</summary>
    /// <param name="directory">The working directory.</param>
    /// <param name="fileName">The program, found on PATH.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="patience">A safety net against a hung command (it is killed), never an expectation of speed.</param>
    /// <returns>The exit code and everything the command printed.</returns>
    /// <exception cref="TimeoutException">The command did not finish within <paramref name="patience"/>.</exception>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string directory, string fileName, IEnumerable<string> arguments, TimeSpan patience)
    {
        var start = new ProcessStartInfo(fileName, arguments) { WorkingDirectory = directory };
        // Keep npm's update notice and colours out of the output the tests parse.
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        start.Environment["NO_COLOR"] = "1";
        var result = await ProcessRunner.RunToEndAsync(start, patience);
        return (result.ExitCode, result.Stdout + result.Stderr);
    }
}
