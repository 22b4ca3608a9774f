using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace CloudMesh.Grpc;

/// <summary>
/// Kestrel settings gRPC needs, in one place (not part of grpc-dotnet's API: with the real packages these are
/// the same Kestrel calls made by hand).
/// </summary>
public static class GrpcKestrelExtensions
{
    /// <summary>
    /// Makes a cleartext endpoint speak HTTP/2 only, with prior knowledge (h2c): what gRPC clients and Envoy use
    /// without TLS. HTTP/1.1 requests cannot be served on such an endpoint.
    /// </summary>
    public static ListenOptions UseGrpcH2c(this ListenOptions listenOptions)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        listenOptions.Protocols = HttpProtocols.Http2;
        return listenOptions;
    }

    /// <summary>
    /// Serves TLS with <paramref name="certificate"/>; ALPN offers h2 (for gRPC) and http/1.1 (for anything else
    /// on the same port).
    /// </summary>
    public static ListenOptions UseGrpcTls(this ListenOptions listenOptions, X509Certificate2 certificate, Action<HttpsConnectionAdapterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        ArgumentNullException.ThrowIfNull(certificate);
        listenOptions.Protocols = HttpProtocols.Http1AndHttp2;
        listenOptions.UseHttps(https =>
        {
            https.ServerCertificate = certificate;
            configure?.Invoke(https);
        });
        return listenOptions;
    }

    /// <summary>
    /// Sends an HTTP/2 PING on connections idle for <paramref name="pingDelay"/> and closes those that do not
    /// answer within <paramref name="pingTimeout"/> (each at least one second; Kestrel's defaults are off). A
    /// closed connection cancels its calls' <c>ServerCallContext.CancellationToken</c>, so the server forgets dead
    /// proxies. Clients set the same on <see cref="System.Net.Http.SocketsHttpHandler"/>
    /// (<c>KeepAlivePingDelay</c>, <c>KeepAlivePingTimeout</c>, <c>KeepAlivePingPolicy</c>) passed as
    /// <c>GrpcChannelOptions.HttpHandler</c>.
    /// </summary>
    public static KestrelServerOptions ConfigureGrpcKeepAlive(this KestrelServerOptions options, TimeSpan pingDelay, TimeSpan pingTimeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Limits.Http2.KeepAlivePingDelay = pingDelay;
        options.Limits.Http2.KeepAlivePingTimeout = pingTimeout;
        return options;
    }
}
