using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace CloudMesh.TestSupport;

/// <summary>
/// A long-running Node script under tests/interop, driven line by line: commands on stdin, one answer or event
/// per stdout line. The scripts exit at the end of their input, which is how <see cref="DisposeAsync"/> stops them.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    /// <summary>A safety net for each awaited line, never an expectation of speed.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();

    private NodeProcess(Process process)
    {
        _process = process;
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

    /// <summary>What the script has written to stderr so far (for failure messages).</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="script"/> (relative to tests/interop).</summary>
    /// <exception cref="InvalidOperationException">tests/interop's packages are not installed.</exception>
    public static NodeProcess Start(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        new(NodeScript.Start(script, arguments, environment, redirectStdin: true));

    /// <summary>Sends one command line.</summary>
    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The next line the script prints.</summary>
    /// <exception cref="InvalidOperationException">The script ended, or printed nothing within <see cref="Patience"/>; the message holds its stderr.</exception>
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

    /// <summary>Closes stdin so the script exits, and kills it if it has not within a few seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
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
