using System.Diagnostics;
using System.Text;
using CloudMesh.TestSupport;
using Xunit;

namespace CloudMesh.Cli.Tests.Commands;

/// <summary>
/// Runs the real <c>cloudmesh</c> program (cloudmesh.dll from this test's output, as the dotnet tool runs it) as a
/// process, with a private HOME and CLOUDMESH_HOME and no AWS settings inherited from the machine, so a test only sees
/// the configuration it gives.
/// </summary>
public sealed class CliRunner(IReadOnlyDictionary<string, string> environment) : IDisposable
{
    private static readonly string[] Inherited = ["PATH", "DOTNET_ROOT", "DOTNET_HOST_PATH", "TMPDIR", "LANG", "DOTNET_NOLOGO", "DOTNET_CLI_TELEMETRY_OPTOUT"];
    private readonly TempDirectory _home = new("cloudmesh-cli-home");

    /// <summary>The private HOME (also holds <c>.cloudmesh</c> and <c>.aws</c>).</summary>
    public string Home => _home.Path;

    /// <summary>The process start information for <c>cloudmesh</c> with <paramref name="args"/> and extra variables.</summary>
    public ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? extra = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cloudmesh.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var name in Inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["HOME"] = Home;
        start.Environment["CLOUDMESH_HOME"] = Path.Combine(Home, ".cloudmesh");
        foreach (var (name, value) in environment.Concat(extra ?? new Dictionary<string, string>()))
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Runs <c>cloudmesh</c> to completion.</summary>
    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(args, null);

    /// <summary>Runs <c>cloudmesh</c> to completion with extra environment variables.</summary>
    public async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? extra)
    {
        var result = await ProcessRunner.RunToEndAsync(StartInfo(args, extra), Eventually.SafetyTimeout * 2);
        return new CliResult(result.ExitCode, result.Stdout, result.Stderr);
    }

    /// <inheritdoc />
    public void Dispose() => _home.Dispose();
}

/// <summary>How a <c>cloudmesh</c> run ended.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Fails with everything the run printed unless it exited 0.</summary>
    public CliResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"cloudmesh exited {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}");
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
