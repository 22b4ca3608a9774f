using System.Net.Sockets;
using System.Text.Json;

namespace CloudMesh.Bench.ControlPlane.Memory;

/// <summary>The server's managed heap as the HeapProbe startup hook reports it (after a full blocking collection).</summary>
/// <param name="LiveBytes">GC.GetTotalMemory after the collection: bytes of live managed objects.</param>
/// <param name="HeapSizeBytes">The GC's heap size after that collection (includes fragmentation).</param>
/// <param name="CommittedBytes">Memory the GC has committed from the OS.</param>
internal sealed record HeapReading(long LiveBytes, long HeapSizeBytes, long CommittedBytes)
{
    /// <summary>Asks the probe listening on <paramref name="socketPath"/>; null when none answers (the hook was not loaded).</summary>
    public static async Task<HeapReading?> ReadAsync(string? socketPath, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(socketPath) || !File.Exists(socketPath))
        {
            return null;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
        await using var stream = new NetworkStream(socket);
        using var reader = new StreamReader(stream);
        var line = await reader.ReadLineAsync(ct) ?? throw new InvalidOperationException("The heap probe closed without answering.");
        return Parse(line);
    }

    /// <summary>Parses the probe's one-line JSON answer.</summary>
    public static HeapReading Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        return new HeapReading(root.GetProperty("liveBytes").GetInt64(), root.GetProperty("heapSizeBytes").GetInt64(),
            root.GetProperty("committedBytes").GetInt64());
    }
}
