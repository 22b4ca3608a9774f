using System.Buffers;
using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace CloudMesh.Bench.Proxy;

/// <summary>
/// One HTTP/1.1 keep-alive connection that sends a fixed GET and reads a response with a Content-Length (what every
/// target of this benchmark answers). Minimal on purpose: the generator's own cost is part of every path measured,
/// direct included, so it cancels out of "added latency" only if it is small and constant.
/// </summary>
internal sealed class RawHttpClient : IAsyncDisposable
{
    private static readonly byte[] ContentLengthName = "content-length:"u8.ToArray();
    private readonly Socket _socket;
    private readonly byte[] _request;
    private readonly byte[] _buffer = new byte[16 * 1024];

    private RawHttpClient(Socket socket, byte[] request)
    {
        _socket = socket;
        _request = request;
    }

    public static async Task<RawHttpClient> ConnectAsync(Uri url, string host, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(url.Host, url.Port, ct);
        var request = Encoding.ASCII.GetBytes($"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {host}\r\n\r\n");
        return new RawHttpClient(socket, request);
    }

    /// <summary>Sends the request and reads the whole response; returns its status code.</summary>
    public async Task<int> SendAsync(CancellationToken ct)
    {
        await _socket.SendAsync(_request, SocketFlags.None, ct);
        int filled = 0;
        while (true)
        {
            int read = await _socket.ReceiveAsync(_buffer.AsMemory(filled), SocketFlags.None, ct);
            if (read == 0)
            {
                throw new IOException("The connection closed before a whole response arrived.");
            }

            filled += read;
            if (TryParse(_buffer.AsSpan(0, filled), out int status, out int total))
            {
                if (total > _buffer.Length)
                {
                    throw new IOException($"A {total}-byte response is larger than this generator reads.");
                }

                while (filled < total)
                {
                    read = await _socket.ReceiveAsync(_buffer.AsMemory(filled, total - filled), SocketFlags.None, ct);
                    if (read == 0)
                    {
                        throw new IOException("The connection closed inside a response body.");
                    }

                    filled += read;
                }

                return status;
            }
        }
    }

    /// <summary>Parses the head once it is complete: the status and the total response length (head + body).</summary>
    internal static bool TryParse(ReadOnlySpan<byte> data, out int status, out int total)
    {
        status = 0;
        total = 0;
        int end = data.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return false;
        }

        var head = data[..end];
        if (head.Length < 12 || !Utf8Parser.TryParse(head.Slice(9, 3), out status, out _))
        {
            throw new IOException("Not an HTTP/1.1 response.");
        }

        int length = 0;
        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            if (line.Length > ContentLengthName.Length && Ascii.EqualsIgnoreCase(line[..ContentLengthName.Length], ContentLengthName))
            {
                var value = line[ContentLengthName.Length..].Trim((byte)' ');
                if (!Utf8Parser.TryParse(value, out length, out _))
                {
                    throw new IOException("Bad Content-Length.");
                }
            }
        }

        total = end + 4 + length;
        return true;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
