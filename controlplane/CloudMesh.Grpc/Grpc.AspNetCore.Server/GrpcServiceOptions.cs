using System.IO.Compression;
using CloudMesh.Grpc.Internal;
using Grpc.Net.Compression;

namespace Grpc.AspNetCore.Server;

/// <summary>Options of the gRPC server (set with <c>services.AddGrpc(o => ...)</c>).</summary>
public class GrpcServiceOptions
{
    /// <summary>The largest message the server sends, in bytes; null for no limit (the default).</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// The largest message the server accepts, in bytes (4 MB by default; null for no limit). A larger message
    /// ends the call with RESOURCE_EXHAUSTED before it is buffered.
    /// </summary>
    public int? MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>
    /// Whether the status sent for an unhandled handler exception includes the exception's type and message.
    /// Off by default: details of server failures are logged, not sent to clients.
    /// </summary>
    public bool? EnableDetailedErrors { get; set; }

    /// <summary>
    /// The algorithm (e.g. <c>gzip</c>) for response messages when the client's <c>grpc-accept-encoding</c>
    /// allows it; null sends responses uncompressed (the default).
    /// </summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>The level passed to the response compression provider.</summary>
    public CompressionLevel? ResponseCompressionLevel { get; set; }

    /// <summary>The algorithms the server can decompress and compress with (gzip by default).</summary>
    public IList<ICompressionProvider> CompressionProviders { get; set; } = GrpcProtocol.DefaultCompressionProviders();

    internal void CopyFrom(GrpcServiceOptions other)
    {
        MaxSendMessageSize = other.MaxSendMessageSize;
        MaxReceiveMessageSize = other.MaxReceiveMessageSize;
        EnableDetailedErrors = other.EnableDetailedErrors;
        ResponseCompressionAlgorithm = other.ResponseCompressionAlgorithm;
        ResponseCompressionLevel = other.ResponseCompressionLevel;
        CompressionProviders = [.. other.CompressionProviders];
    }
}

/// <summary>Options of one service; they start as a copy of the global <see cref="GrpcServiceOptions"/>.</summary>
public class GrpcServiceOptions<TService> : GrpcServiceOptions
    where TService : class
{
}
