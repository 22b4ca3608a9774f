using System.Diagnostics;
using System.Text;
using CloudMesh.TestSupport;

namespace CloudMesh.Grpc.Tests.Support;

/// <summary>Runs the grpc-js scripts under tests/interop/grpc with the test proto.</summary>
public static class NodeInterop
{
    public static string InteropDirectory => RepoPaths.Combine("tests", "interop");

    public static string ProtoPath => RepoPaths.Combine("tests", "CloudMesh.Grpc.Tests", "Protos", "test_service.proto");

    /// <summary>Fails with what to do when the npm packages are not installed.</summary>
    public static void RequirePackages()
    {
        if (!File.Exists(Path.Combine(InteropDirectory, "node_modules", "@grpc", "grpc-js", "package.json")))
        {
            throw new InvalidOperationException("tests/interop/node_modules is missing: run npm ci in tests/interop (./test.sh does).");
        }
    }

    /// <summary>Runs a script to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        RequirePackages();
        using var process = Start(script, arguments, redirectStdin: false);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {timeout}: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    internal static Process Start(string script, IEnumerable<string> arguments, bool redirectStdin)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine("grpc", script));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node.");
    }
}

/// <summary>The grpc-js test server (test-server.js) as a child process on a loopback port.</summary>
public sealed class GrpcJsTestServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private GrpcJsTestServer(Process process, Uri address)
    {
        _process = process;
        Address = address;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public static async Task<GrpcJsTestServer> StartAsync()
    {
        NodeInterop.RequirePackages();
        var process = NodeInterop.Start("test-server.js", [NodeInterop.ProtoPath], redirectStdin: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
                {
                    return new GrpcJsTestServer(process, new Uri($"http://127.0.0.1:{line["LISTENING ".Length..]}"));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with the process's stderr.
        }

        process.Kill(entireProcessTree: true);
        var stderr = await process.StandardError.ReadToEndAsync();
        process.Dispose();
        throw new InvalidOperationException($"test-server.js did not start: {stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        // Closing stdin asks the server to shut down; kill it if it does not.
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
