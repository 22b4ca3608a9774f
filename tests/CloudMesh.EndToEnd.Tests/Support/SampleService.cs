using CloudMesh.TestSupport;

namespace CloudMesh.EndToEnd.Tests.Support;

/// <summary>A sample service process (Support/backend.py) that answers every GET with its name and the path it saw.</summary>
public static class SampleService
{
    /// <summary>Starts one on <paramref name="address"/>:<paramref name="port"/> and waits until it listens.</summary>
    /// <param name="address">The address to listen on.</param>
    /// <param name="port">The port.</param>
    /// <param name="name">What it answers with.</param>
    /// <param name="launcher">A command that runs python3 (e.g. <c>ip netns exec NS</c>); null: started directly.</param>
    public static async Task<OsProcess> StartAsync(string address, int port, string name, IReadOnlyList<string>? launcher = null)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Support", "backend.py");
        string[] command = [.. launcher ?? [], "python3", script, address, port.ToString(System.Globalization.CultureInfo.InvariantCulture), name];
        var process = OsProcess.Start(name, command[0], command[1..]);
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
