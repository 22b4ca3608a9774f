using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using CloudMesh.TestSupport;

namespace CloudMesh.Conformance.Tests.Infrastructure;

/// <summary>
/// The CloudMesh API run the way a newcomer runs it: <c>dotnet CloudMesh.Api.dll</c> as a separate process, configured
/// only through its environment, with its console output collected so tests can read what it printed.
/// </summary>
public sealed class CloudMeshProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _lock = new();

    private CloudMeshProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Where the process listens.</summary>
    public Uri Endpoint { get; }

    /// <summary>Everything the process printed so far (stdout and stderr interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The API assembly built in the same configuration as this test assembly.</summary>
    public static string ApiDll
    {
        get
        {
            var configuration = typeof(CloudMeshProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "Configuration").Value!;
            return RepoPaths.Combine("api", "CloudMesh.Api", "bin", configuration, "net10.0", "CloudMesh.Api.dll");
        }
    }

    /// <summary>Starts the API on <paramref name="port"/> with exactly the CloudMesh settings in <paramref name="environment"/>.</summary>
    public static CloudMeshProcess Start(int port, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ApiDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");

        // Only the settings the test gives: nothing from the test runner's own environment may configure the server.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("CLOUDMESH_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        return new CloudMeshProcess(process, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Waits until the output matches <paramref name="pattern"/>; fails with the output when the process exits or time runs out.</summary>
    public async Task<Match> WaitForOutputAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern, RegexOptions.Multiline);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var match = regex.Match(Output);
            if (match.Success)
            {
                return match;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The API exited ({_process.ExitCode}) before printing /{pattern}/:\n{Output}");
            }

            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"The API did not print /{pattern}/ within {timeout}:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Stops the process the way a service manager does (SIGTERM) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _output.AppendLine(line);
        }
    }
}
