using CloudMesh.TestSupport;

namespace CloudMesh.EndToEnd.Tests.Support;

/// <summary>A sample service process (Support/backend.py) that answers every GET with its name and the path it saw.</summary>
public static class SampleService
{
    /// <summary>Starts one on <paramref name="address"/>:<paramref name="port"/> and waits until it listens.</summary>
    public static async Task<OsProcess> StartAsync(string address, int port, string name)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Support", "backend.py");
        var process = OsProcess.Start(name, "python3", [script, address, port.ToString(System.Globalization.CultureInfo.InvariantCulture), name]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!process.Output.Contains("listening", StringComparison.Ordinal))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited:\n{process.Output}");
            }

            await Task.Delay(50, timeout.Token);
        }

        return process;
    }
}
