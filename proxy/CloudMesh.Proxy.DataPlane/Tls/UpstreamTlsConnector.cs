using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CloudMesh.Proxy.DataPlane.Translation;

namespace CloudMesh.Proxy.DataPlane.Tls;

/// <summary>
/// Envoy's upstream TLS transport socket: TLS over a fresh upstream connection with the cluster's SNI, optional client
/// certificate (mutual TLS) and server validation (trust bundle, SAN matchers). Material is read through
/// <see cref="TlsMaterialCache"/> per connection, so rotated files serve the next connection.
/// </summary>
internal static class UpstreamTlsConnector
{
    private static readonly List<SslApplicationProtocol> H2 = [SslApplicationProtocol.Http2];
    private static readonly List<SslApplicationProtocol> Http11 = [SslApplicationProtocol.Http11];

    /// <summary>Runs the client handshake over <paramref name="inner"/>; the returned stream owns it (disposed on failure).</summary>
    /// <param name="inner">The connected upstream stream.</param>
    /// <param name="plan">The cluster's TLS.</param>
    /// <param name="dnsName">The cluster's DNS name, the SNI when the plan names none; null sends no SNI.</param>
    /// <param name="http2">True/false for HTTP clusters (ALPN h2 or http/1.1 unless the plan lists protocols); null (TCP) offers none.</param>
    /// <param name="material">Certificates and trust bundles.</param>
    /// <param name="cancellationToken">Cancels the handshake.</param>
    /// <param name="counters">The cluster's ssl counters.</param>
    public static async ValueTask<SslStream> AuthenticateAsync(Stream inner, UpstreamTlsPlan plan, string? dnsName, bool? http2, TlsMaterialCache material, TlsCounters counters, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var refused = new System.Runtime.CompilerServices.StrongBox<bool>();
        try
        {
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = plan.Sni ?? dnsName ?? "",
                ClientCertificateContext = plan.ClientCertificate is { } files ? material.Certificate(files).Context : null,
                RemoteCertificateValidationCallback = PeerCertificateValidator.Callback(plan.Validation, material, required: true, counters, refused),
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                EnabledSslProtocols = plan.Versions,
                ApplicationProtocols = plan.AlpnProtocols.Count > 0
                    ? plan.AlpnProtocols.Select(p => new SslApplicationProtocol(p)).ToList()
                    : http2 switch { true => H2, false => Http11, null => null },
            };
            await ssl.AuthenticateAsClientAsync(options, cancellationToken);
            counters.CountHandshake(succeeded: true, verificationFailed: false);
            return ssl;
        }
        catch
        {
            counters.CountHandshake(succeeded: false, refused.Value);
            await ssl.DisposeAsync();
            throw;
        }
    }
}
