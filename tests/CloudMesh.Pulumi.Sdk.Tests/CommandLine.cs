using System.Diagnostics;
using System.Text;

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
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        // Keep npm's update notice and colours out of the output the tests parse.
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var output = new StringBuilder();
        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancellation = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {patience}:\n{output}");
        }

        // WaitForExitAsync returns after the redirected streams reach EOF, so the output is complete here.
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
