using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CloudMesh.SigV4.Tests.Support;

/// <summary>
/// A one-request HTTP/1.1 server on loopback that records the request exactly as it arrived on the socket, so
/// tests see what HttpClient really sends (request target, header lines, body) rather than what we meant to send.
/// </summary>
internal sealed class RawHttpCapture : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public RawHttpCapture() => _listener.Start();

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Accepts one connection and returns the request as a <see cref="SigV4Request"/> (body hashed).</summary>
    public async Task<SigV4Request> CaptureOneAsync(CancellationToken ct)
    {
        using TcpClient client = await _listener.AcceptTcpClientAsync(ct);
        NetworkStream stream = client.GetStream();
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(received)) < 0)
        {
            int read = await stream.ReadAsync(buffer, ct);
            if (read == 0)
            {
                throw new InvalidOperationException("Connection closed before the request head was complete.");
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        string[] lines = Encoding.Latin1.GetString(received.GetRange(0, headEnd).ToArray()).Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        var headers = new List<KeyValuePair<string, string>>();
        int contentLength = 0;
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string name = line[..colon];
            string value = line[(colon + 1)..].Trim();
            headers.Add(new(name, value));
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        int bodyStart = headEnd + 4;
        while (received.Count < bodyStart + contentLength)
        {
            int read = await stream.ReadAsync(buffer, ct);
            received.AddRange(buffer.AsSpan(0, read));
        }

        byte[] body = received.GetRange(bodyStart, contentLength).ToArray();
        await stream.WriteAsync("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), ct);

        string target = requestLine[1];
        int question = target.IndexOf('?', StringComparison.Ordinal);
        return new SigV4Request(
            requestLine[0],
            question < 0 ? target : target[..question],
            question < 0 ? string.Empty : target[(question + 1)..],
            headers,
            SigV4Request.HashPayload(body));
    }

    public void Dispose() => _listener.Stop();

    private static int IndexOfHeadEnd(List<byte> data)
    {
        for (int i = 0; i + 3 < data.Count; i++)
        {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
