using System.Net;
using CloudMesh.Grpc.Internal;
using Grpc.Net.Compression;
using Microsoft.Extensions.Logging;

namespace Grpc.Net.Client;

/// <summary>Options of a <see cref="GrpcChannel"/> (the subset of Grpc.Net.Client's that this transport implements).</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>The largest message the client sends, in bytes; null for no limit (the default).</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>The largest message the client accepts, in bytes (4 MB by default; null for no limit).</summary>
    public int? MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>
    /// The HTTP handler calls go through. Set a <see cref="System.Net.Http.SocketsHttpHandler"/> to configure
    /// HTTP/2 keepalive pings (<c>KeepAlivePingDelay</c>, <c>KeepAlivePingTimeout</c>, <c>KeepAlivePingPolicy</c>),
    /// TLS or connection limits. When neither this nor <see cref="HttpClient"/> is set, the channel creates a
    /// SocketsHttpHandler that may open several HTTP/2 connections when one is full.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>An <see cref="System.Net.Http.HttpClient"/> calls go through, instead of <see cref="HttpHandler"/>.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Whether disposing the channel disposes a supplied <see cref="HttpClient"/> or <see cref="HttpHandler"/>.</summary>
    public bool DisposeHttpClient { get; set; }

    /// <summary>
    /// Whether calls cancelled by their token or deadline throw <see cref="OperationCanceledException"/> instead of
    /// <see cref="Grpc.Core.RpcException"/> with CANCELLED or DEADLINE_EXCEEDED.
    /// </summary>
    public bool ThrowOperationCanceledOnCancellation { get; set; }

    /// <summary>
    /// Whether <see cref="Grpc.Core.CallCredentials"/> are applied on an <c>http://</c> channel. Off by default, as
    /// in grpc-dotnet: credentials are only sent over TLS unless this says otherwise.
    /// </summary>
    public bool UnsafeUseInsecureChannelCallCredentials { get; set; }

    /// <summary>The algorithms the client can decompress and compress with (gzip by default).</summary>
    public IList<ICompressionProvider> CompressionProviders { get; set; } = GrpcProtocol.DefaultCompressionProviders();

    /// <summary>Where the channel logs; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The HTTP version requested (2.0 by default).</summary>
    public Version HttpVersion { get; set; } = System.Net.HttpVersion.Version20;

    /// <summary>
    /// How the HTTP version is negotiated. <see cref="HttpVersionPolicy.RequestVersionExact"/> by default, which
    /// makes <c>http://</c> addresses use HTTP/2 with prior knowledge (h2c).
    /// </summary>
    public HttpVersionPolicy HttpVersionPolicy { get; set; } = HttpVersionPolicy.RequestVersionExact;
}
