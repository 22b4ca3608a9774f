using System.Diagnostics;
using CloudMesh.TestSupport;

namespace CloudMesh.Pulumi.Tests.Support;

/// <summary>
/// The real plugin process, started as the engine starts it (<c>dotnet pulumi-resource-cloudmesh.dll &lt;engine&gt;</c>),
/// its port read from the first line of its stdout. The environment is cleared of the provider's fallbacks so each test
/// decides what configuration the provider sees.
/// </summary>
public sealed class PluginProcess : IAsyncDisposable
{
    private readonly Process _process;

    private PluginProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The loopback port the plugin serves on.</summary>
    public int Port { get; }

    /// <summary>The address a gRPC client dials.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The process's exit, for tests that expect it to stop by itself.</summary>
    public Task WaitForExitAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);

    /// <summary>Starts the plugin; <paramref name="arguments"/> are what the engine would pass (its address).</summary>
    public static async Task<PluginProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pulumi-resource-cloudmesh.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "CLOUDMESH_ENDPOINT", "AWS_ENDPOINT_URL_APP_MESH", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_SESSION_TOKEN" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the plugin.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var patience = new CancellationTokenSource(NodeProcess.Patience);
        var line = await process.StandardOutput.ReadLineAsync(patience.Token);
        if (!int.TryParse(line, out var port))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The plugin's first stdout line should be its port, was '{line}'.");
        }

        return new PluginProcess(process, port);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
