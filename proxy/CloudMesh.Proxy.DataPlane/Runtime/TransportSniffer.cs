using System.IO.Pipelines;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>
/// Envoy's TLS inspector, reduced to what telling TLS from cleartext needs: a connection whose first byte is a TLS
/// handshake record (0x16, as every ClientHello starts) is "tls", anything else "raw_buffer". Nothing is consumed.
/// </summary>
internal static class TransportSniffer
{
    public const string Tls = "tls";
    public const string RawBuffer = "raw_buffer";

    private const byte HandshakeRecord = 0x16;

    /// <summary>"tls" or "raw_buffer" (also when the client sends nothing in time: a server-first protocol is not TLS).</summary>
    public static async Task<string> SniffAsync(PipeReader input, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        ReadResult result;
        try
        {
            result = await input.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            return RawBuffer;
        }

        var buffer = result.Buffer;
        var tls = buffer.Length > 0 && buffer.FirstSpan[0] == HandshakeRecord;
        input.AdvanceTo(buffer.Start, buffer.Start);
        return tls ? Tls : RawBuffer;
    }
}
