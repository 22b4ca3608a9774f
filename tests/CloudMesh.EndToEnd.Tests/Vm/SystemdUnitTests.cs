using System.Diagnostics;
using CloudMesh.TestSupport;
using Xunit;

namespace CloudMesh.EndToEnd.Tests.Vm;

/// <summary>
/// The unit's stop hook as systemd runs it: its command line from <c>iac/vm/cloudmesh-proxy.service</c> (with systemd's
/// "$$" escape undone), run by sh with the <c>SERVICE_RESULT</c> systemd passes, and the redirect script replaced by a
/// stub that records its arguments. systemd itself cannot run these tests (no booted systemd here), so this checks the
/// decision the unit delegates to the shell: clean the redirect after a clean stop, keep it after a crash.
/// </summary>
public sealed class SystemdUnitTests : IDisposable
{
    private const string ScriptPath = "/usr/local/lib/cloudmesh/cloudmesh-iptables.sh";

    private readonly TempDirectory _directory = new("cloudmesh-unit");

    [Theory]
    [InlineData("success", "clean")]
    [InlineData("exit-code", "")]
    [InlineData("signal", "")]
    [InlineData("core-dump", "")]
    public async Task ExecStopPost_cleans_the_redirect_only_after_a_clean_stop(string serviceResult, string expectedCall)
    {
        string stub = _directory.Combine("iptables-stub.sh");
        string calls = _directory.Combine("calls");
        await File.WriteAllTextAsync(stub, $"#!/bin/sh\necho \"$@\" >> '{calls}'\n");
        string command = StopPostCommand().Replace(ScriptPath, $"/bin/sh '{stub}'", StringComparison.Ordinal);
        var start = new ProcessStartInfo("/bin/sh", ["-c", command]) { Environment = { ["SERVICE_RESULT"] = serviceResult } };
        var result = await ProcessRunner.RunToEndAsync(start, TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expectedCall, File.Exists(calls) ? (await File.ReadAllTextAsync(calls)).Trim() : "");
    }

    [Fact]
    public void The_unit_installs_the_redirect_before_the_proxy_starts()
    {
        string unit = File.ReadAllText(RepoPaths.Combine("iac", "vm", "cloudmesh-proxy.service"));
        Assert.Contains($"ExecStartPre=+{ScriptPath} enable\n", unit, StringComparison.Ordinal);
    }

    /// <summary>The ExecStopPost command line without its "-+" prefixes, as systemd hands it to exec (with "$$" → "$").</summary>
    private static string StopPostCommand()
    {
        string line = File.ReadAllLines(RepoPaths.Combine("iac", "vm", "cloudmesh-proxy.service"))
            .Single(l => l.StartsWith("ExecStopPost=", StringComparison.Ordinal));
        string value = line["ExecStopPost=".Length..].TrimStart('-', '+');
        const string shell = "/bin/sh -c '";
        Assert.StartsWith(shell, value, StringComparison.Ordinal);
        Assert.EndsWith("'", value, StringComparison.Ordinal);
        return value[shell.Length..^1].Replace("$$", "$", StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
