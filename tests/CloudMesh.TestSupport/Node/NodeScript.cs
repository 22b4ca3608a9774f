using System.Diagnostics;
using System.Text;

namespace CloudMesh.TestSupport;

/// <summary>
/// Runs the Node scripts under tests/interop (clients and servers CloudMesh did not write) against the npm packages
/// its package-lock.json pins; ./test.sh installs them with <c>npm ci</c>. The one way tests start Node.
/// </summary>
/// <remarks>Self-contained apart from <see cref="RepoPaths"/>, so a project that must not reference TestSupport can
/// link these files (see CloudMesh.ControlPlane.Compiler.Tests.csproj).</remarks>
public static class NodeScript
{
    /// <summary>tests/interop: the scripts, their package.json and lock, and node_modules once installed.</summary>
    public static string InteropDirectory => RepoPaths.Combine("tests", "interop");

    /// <summary>
    /// Fails with what to do when tests/interop's packages are not installed, or were installed from an older lock
    /// (the same rule ./test.sh uses to decide to run <c>npm ci</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">node_modules is missing or stale.</exception>
    public static void RequirePackages()
    {
        // npm ci writes node_modules/.package-lock.json last: its presence means a complete install.
        var installed = Path.Combine(InteropDirectory, "node_modules", ".package-lock.json");
        var lockFile = Path.Combine(InteropDirectory, "package-lock.json");
        if (!File.Exists(installed))
        {
            throw new InvalidOperationException(
                "tests/interop/node_modules is missing: run `npm ci` in tests/interop (./test.sh does).");
        }

        if (File.GetLastWriteTimeUtc(installed) < File.GetLastWriteTimeUtc(lockFile))
        {
            throw new InvalidOperationException(
                "tests/interop/node_modules is older than package-lock.json: run `npm ci` in tests/interop (./test.sh does).");
        }
    }

    /// <summary>Runs <paramref name="script"/> (a path under tests/interop) to completion.</summary>
    /// <param name="script">The script, relative to tests/interop.</param>
    /// <param name="arguments">Its command-line arguments.</param>
    /// <param name="timeout">A safety net against a hung script (it is killed), never an expectation of speed.</param>
    /// <param name="environment">Variables to set for the script, if any.</param>
    /// <returns>The exit code and everything written to stdout and stderr.</returns>
    /// <exception cref="TimeoutException">The script did not finish within <paramref name="timeout"/>.</exception>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string script, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        RequirePackages();
        var result = await ProcessRunner.RunToEndAsync(StartInfo(script, arguments, environment, redirectStdin: false), timeout);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }

    /// <summary>Starts node on a script under tests/interop with stdout and stderr (and optionally stdin) redirected.</summary>
    internal static Process Start(
        string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, bool redirectStdin)
    {
        RequirePackages();
        return Process.Start(StartInfo(script, arguments, environment, redirectStdin))
               ?? throw new InvalidOperationException($"Could not start node {script}.");
    }

    private static ProcessStartInfo StartInfo(
        string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, bool redirectStdin)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardInput = redirectStdin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(InteropDirectory, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
