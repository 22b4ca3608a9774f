using System.IO.Compression;
using Grpc.Net.Compression;

namespace CloudMesh.Grpc.Internal;

/// <summary>Constants of the gRPC-over-HTTP/2 wire protocol (PROTOCOL-HTTP2.md in grpc/grpc).</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string TimeoutHeader = "grpc-timeout";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string IdentityEncoding = "identity";

    /// <summary>Compressed flag (1 byte) and big-endian payload length (4 bytes) before every message.</summary>
    public const int MessageHeaderSize = 5;

    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>The providers a server or channel has unless configured otherwise.</summary>
    public static IList<ICompressionProvider> DefaultCompressionProviders() => [new GzipCompressionProvider(CompressionLevel.Fastest)];

    /// <summary>The <c>grpc-accept-encoding</c> value for <paramref name="providers"/>.</summary>
    public static string AcceptEncodingValue(IEnumerable<ICompressionProvider> providers) =>
        string.Join(',', providers.Select(p => p.EncodingName).Prepend(IdentityEncoding));

    /// <summary>Whether a <c>content-type</c> is gRPC's: <c>application/grpc</c>, optionally <c>+format</c> or <c>;params</c>.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';';
    }

    /// <summary>Headers the transport owns; they never appear in <see cref="global::Grpc.Core.Metadata"/>.</summary>
    public static bool IsReservedHeader(string name) =>
        name.StartsWith(':')
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.Equals("te", StringComparison.OrdinalIgnoreCase)
        || name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
        || name.Equals(TimeoutHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(StatusHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(MessageHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(EncodingHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(AcceptEncodingHeader, StringComparison.OrdinalIgnoreCase);
}
