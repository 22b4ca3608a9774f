using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CloudMesh.Proxy.DataPlane.Translation;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace CloudMesh.Proxy.DataPlane.Tls;

/// <summary>
/// Envoy's downstream TLS transport socket for one accepted connection: the handshake with the chain's certificate
/// (read through <see cref="TlsMaterialCache"/>, so a rotated file serves the next connection), client certificate
/// validation, ALPN; then the connection's transport becomes the decrypted stream, and Kestrel sees the TLS features
/// it picks HTTP/1.1 or HTTP/2 from.
/// </summary>
internal static class DownstreamTlsHandshake
{
    /// <summary>Kestrel's default TLS handshake timeout.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>HTTP chains offer h2 and http/1.1 when the context names no ALPN (the connection manager's AUTO codec speaks both).</summary>
    private static readonly List<SslApplicationProtocol> HttpAlpn = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];

    /// <summary>
    /// Runs the handshake and, on success, swaps the connection's transport for the TLS session (restored and closed by
    /// disposing the result). Null when the handshake failed (the connection is to be closed).
    /// </summary>
    public static async Task<TlsSession?> AuthenticateAsync(ConnectionContext connection, DownstreamTlsPlan plan, bool http, TlsMaterialCache material, TlsCounters counters, Action<string> onFailure)
    {
        var refused = new System.Runtime.CompilerServices.StrongBox<bool>();
        var transport = connection.Transport;
        var ssl = new SslStream(new DuplexPipeStream(transport), leaveInnerStreamOpen: false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        deadline.CancelAfter(HandshakeTimeout);
        try
        {
            var options = new SslServerAuthenticationOptions
            {
                ServerCertificateContext = material.Certificate(plan.Certificate).Context,
                ClientCertificateRequired = plan.Validation is not null || plan.RequireClientCertificate,
                RemoteCertificateValidationCallback = PeerCertificateValidator.Callback(plan.Validation, material, plan.RequireClientCertificate, counters, refused),
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                EnabledSslProtocols = plan.Versions,
                ApplicationProtocols = plan.AlpnProtocols.Count > 0
                    ? plan.AlpnProtocols.Select(p => new SslApplicationProtocol(p)).ToList()
                    : http ? HttpAlpn : null,
            };
            await ssl.AuthenticateAsServerAsync(options, deadline.Token);
            counters.CountHandshake(succeeded: true, verificationFailed: false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or TlsMaterialException or System.ComponentModel.Win32Exception)
        {
            counters.CountHandshake(succeeded: false, refused.Value);
            onFailure(e.Message);
            await ssl.DisposeAsync();
            return null;
        }

        var feature = new TlsConnectionFeature(ssl);
        var session = new TlsSession(connection, transport, ssl, feature);
        connection.Transport = new StreamDuplexPipe(ssl);
        connection.Features.Set<ITlsConnectionFeature>(feature);
        connection.Features.Set<ITlsApplicationProtocolFeature>(feature);
        return session;
    }

    /// <summary>The TLS features Kestrel and the request pipeline read: the client certificate and the ALPN result.</summary>
    internal sealed class TlsConnectionFeature(SslStream ssl) : ITlsConnectionFeature, ITlsApplicationProtocolFeature
    {
        private ReadOnlyMemory<byte>? _protocol;

        public X509Certificate2? ClientCertificate { get; set; } = ssl.RemoteCertificate as X509Certificate2;

        /// <summary>The negotiated protocol, or h2 once the decrypted stream opened with the HTTP/2 preface (a client with prior knowledge, as Envoy without ALPN).</summary>
        public ReadOnlyMemory<byte> ApplicationProtocol
        {
            get => _protocol ?? ssl.NegotiatedApplicationProtocol.Protocol;
            set => _protocol = value;
        }

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult(ClientCertificate);
    }
}

/// <summary>A connection's TLS session; disposing it closes the session and puts the raw transport back.</summary>
internal sealed class TlsSession(ConnectionContext connection, System.IO.Pipelines.IDuplexPipe raw, SslStream ssl, DownstreamTlsHandshake.TlsConnectionFeature feature) : IAsyncDisposable
{
    public SslStream Stream => ssl;

    /// <summary>The features Kestrel reads (the ALPN result can be overridden for a prior-knowledge HTTP/2 client).</summary>
    public DownstreamTlsHandshake.TlsConnectionFeature Feature => feature;

    public async ValueTask DisposeAsync()
    {
        var decrypted = connection.Transport;
        connection.Transport = raw;
        await decrypted.Input.CompleteAsync();
        await decrypted.Output.CompleteAsync();
        try
        {
            await ssl.ShutdownAsync();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or NotSupportedException)
        {
            // The peer is gone already.
        }

        await ssl.DisposeAsync();
    }
}
