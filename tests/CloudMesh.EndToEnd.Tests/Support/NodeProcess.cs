using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using CloudMesh.TestSupport;

namespace CloudMesh.EndToEnd.Tests.Support;

/// <summary>A long-running Node script under tests/interop, driven line by line over stdin/stdout.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    /// <summary>A safety net for each awaited line, never an expectation of speed.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();

    private NodeProcess(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var interop = RepoPaths.Combine("tests", "interop");
        if (!File.Exists(Path.Combine(interop, "node_modules", "@grpc", "grpc-js-xds", "package.json")))
        {
            throw new InvalidOperationException("tests/interop/node_modules is missing: run npm ci in tests/interop (./test.sh does).");
        }

        var start = new ProcessStartInfo("node", [Path.Combine(interop, script), .. arguments])
        {
            WorkingDirectory = interop,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
            }
            else
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts <paramref name="script"/> (relative to tests/interop).</summary>
    public static NodeProcess Start(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        new(script, arguments, environment ?? new Dictionary<string, string>());

    /// <summary>Sends one command line.</summary>
    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The next line the script prints.</summary>
    public async Task<string> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            return await _lines.Reader.ReadAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new InvalidOperationException($"The node script printed nothing more. Its stderr:\n{Stderr}", ex);
        }
    }

    private string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close(); // the scripts exit on end of input
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
