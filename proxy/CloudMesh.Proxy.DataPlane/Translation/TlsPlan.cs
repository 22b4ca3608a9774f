namespace CloudMesh.Proxy.DataPlane.Translation;

/// <summary>Which subject alternative names of a peer certificate a matcher looks at (Envoy's SubjectAltNameMatcher.SanType).</summary>
internal enum SanKind
{
    /// <summary>Every DNS, URI, email and IP address SAN (the deprecated untyped match_subject_alt_names).</summary>
    Any,

    Dns,

    Uri,

    Email,

    IpAddress,
}

/// <summary>One SAN matcher: the SAN type and the string match its value must pass.</summary>
internal sealed record SanMatcherPlan(SanKind Kind, ValueCondition Condition);

/// <summary>A certificate chain (PEM, leaf first) and its private key (PEM), both files on the proxy's host.</summary>
internal sealed record CertificateFilesPlan(string ChainPath, string PrivateKeyPath);

/// <summary>
/// How a peer's certificate is checked (Envoy's CertificateValidationContext): its chain must lead to a CA of the
/// trust bundle (when one is given), and when SAN matchers are given at least one SAN must pass one of them.
/// </summary>
/// <param name="TrustedCaPath">The trust bundle (PEM); null accepts any chain, as Envoy does without trusted_ca.</param>
/// <param name="SubjectAltNames">SAN matchers; empty accepts any SAN.</param>
internal sealed record PeerValidationPlan(string? TrustedCaPath, IReadOnlyList<SanMatcherPlan> SubjectAltNames);

/// <summary>A filter chain's DownstreamTlsContext: the certificate it serves, how clients are checked, ALPN.</summary>
/// <param name="Certificate">The server certificate.</param>
/// <param name="Validation">Client certificate validation; null when no client certificate is checked.</param>
/// <param name="RequireClientCertificate">A client without a certificate is refused.</param>
/// <param name="AlpnProtocols">Offered ALPN protocols, in preference order; empty offers none.</param>
/// <param name="Versions">Allowed TLS versions from tls_params (None = the platform's default: TLS 1.2 and 1.3).</param>
internal sealed record DownstreamTlsPlan(
    CertificateFilesPlan Certificate,
    PeerValidationPlan? Validation,
    bool RequireClientCertificate,
    IReadOnlyList<string> AlpnProtocols,
    System.Security.Authentication.SslProtocols Versions);

/// <summary>A cluster's UpstreamTlsContext: SNI, the client certificate (mutual TLS), how the server is checked, ALPN.</summary>
/// <param name="Sni">The SNI to send; null sends the cluster's DNS name when it has one, else none.</param>
/// <param name="ClientCertificate">The certificate presented to the server, or null.</param>
/// <param name="Validation">Server certificate validation; null accepts any server certificate (Envoy without a validation context).</param>
/// <param name="AlpnProtocols">ALPN protocols to offer; empty offers the cluster's HTTP version (h2 or http/1.1).</param>
/// <param name="Versions">Allowed TLS versions from tls_params (None = the platform's default: TLS 1.2 and 1.3).</param>
internal sealed record UpstreamTlsPlan(
    string? Sni,
    CertificateFilesPlan? ClientCertificate,
    PeerValidationPlan? Validation,
    IReadOnlyList<string> AlpnProtocols,
    System.Security.Authentication.SslProtocols Versions);

/// <summary>
/// Where the translation checks that certificate files referenced by a plan can be used (implemented by the runtime's
/// <see cref="Tls.TlsMaterialCache"/>, which keeps what it read for the connections).
/// </summary>
internal interface ITlsMaterialSource
{
    /// <summary>Reads (or re-reads when the files changed) a certificate chain and key; throws <see cref="Tls.TlsMaterialException"/>.</summary>
    void CheckCertificate(CertificateFilesPlan files);

    /// <summary>Reads (or re-reads when the file changed) a trust bundle; throws <see cref="Tls.TlsMaterialException"/>.</summary>
    void CheckTrustBundle(string path);
}
