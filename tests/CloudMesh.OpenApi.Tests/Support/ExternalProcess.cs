using System.Diagnostics;

namespace CloudMesh.OpenApi.Tests.Support;

/// <summary>Runs a tool (python3, openapi-spec-validator) to completion and captures its output.</summary>
internal static class ExternalProcess
{
    // A guard against a hung child, not a performance expectation.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string? standardInput = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Directory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException("could not start " + fileName);
        var standardError = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (standardError)
                {
                    standardError.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        using var killer = new Timer(_ => TryKill(process), null, HangGuard, Timeout.InfiniteTimeSpan);

        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        var standardOutput = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        lock (standardError)
        {
            return new ProcessResult(process.ExitCode, standardOutput, standardError.ToString());
        }
    }

    /// <summary>Runs a python3 script with the repository as working directory.</summary>
    public static ProcessResult Python(string script, IEnumerable<string> arguments, string? standardInput = null) =>
        Run("python3", [script, .. arguments], standardInput);

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
