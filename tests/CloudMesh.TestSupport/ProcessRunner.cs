using System.Diagnostics;

namespace CloudMesh.TestSupport;

/// <summary>Runs a program a test needs (the AWS CLI, node, npm, the cloudmesh CLI) to completion and keeps its output.</summary>
public static class ProcessRunner
{
    /// <summary>
    /// Starts <paramref name="start"/> with its standard output and error redirected, waits for it, and collects both.
    /// <paramref name="timeout"/> is a safety net against a hung program (it is killed with its children), never an
    /// expectation of speed.
    /// </summary>
    /// <exception cref="TimeoutException">The program did not finish within <paramref name="timeout"/>.</exception>
    public static async Task<ProcessResult> RunToEndAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}:\n{await stdout}\n{await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
