using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>
/// Envoy's HTTP inspector: peeks at a connection's first bytes, without consuming them, to tell HTTP/1.x ("h2c"
/// prior knowledge preface, or a request line ending in HTTP/1.0 or HTTP/1.1) from anything else.
/// </summary>
internal static class ProtocolSniffer
{
    private static readonly byte[] Http2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();
    private const int MaxRequestLine = 8 * 1024;

    /// <summary>"h2c", "http/1.1", "http/1.0", or null (not HTTP, or nothing arrived in time).</summary>
    public static async Task<string?> SniffAsync(PipeReader input, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            var buffer = result.Buffer;
            var (decided, protocol) = Decide(buffer);
            if (decided || result.IsCompleted || result.IsCanceled)
            {
                // Nothing consumed or examined: the chain's own reader gets every byte again at once.
                input.AdvanceTo(buffer.Start, buffer.Start);
                return protocol;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static (bool Decided, string? Protocol) Decide(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length == 0)
        {
            return (false, null);
        }

        var length = (int)Math.Min(buffer.Length, MaxRequestLine);
        Span<byte> head = length <= 1024 ? stackalloc byte[length] : new byte[length];
        buffer.Slice(0, length).CopyTo(head);

        var preface = Math.Min(head.Length, Http2Preface.Length);
        if (head[..preface].SequenceEqual(Http2Preface.AsSpan(0, preface)))
        {
            return preface == Http2Preface.Length ? (true, "h2c") : (false, null);
        }

        // A method token: upper-case letters, then a space.
        var i = 0;
        while (i < head.Length && head[i] is >= (byte)'A' and <= (byte)'Z')
        {
            i++;
        }

        if (i == head.Length)
        {
            return (i > 16, null);
        }

        if (i == 0 || head[i] != (byte)' ')
        {
            return (true, null);
        }

        var lineEnd = head.IndexOf((byte)'\n');
        if (lineEnd < 0)
        {
            return (head.Length >= MaxRequestLine, null);
        }

        var line = Encoding.ASCII.GetString(head[..lineEnd]).TrimEnd('\r');
        if (line.EndsWith(" HTTP/1.1", StringComparison.Ordinal))
        {
            return (true, "http/1.1");
        }

        return (true, line.EndsWith(" HTTP/1.0", StringComparison.Ordinal) ? "http/1.0" : null);
    }
}
