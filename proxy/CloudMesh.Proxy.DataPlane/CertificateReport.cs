namespace CloudMesh.Proxy.DataPlane;

/// <summary>The certificates one TLS context uses now (Envoy's admin <c>/certs</c> entry), as read from its files.</summary>
/// <param name="Resource">Which context: <c>listener L, filter chain C</c> or <c>cluster C</c>.</param>
/// <param name="CaCertificates">The trust bundle's certificates (empty without validation).</param>
/// <param name="CertificateChain">The certificate presented (leaf, then intermediates); empty for a cluster without a client certificate.</param>
public sealed record TlsContextCertificates(string Resource, IReadOnlyList<CertificateDetails> CaCertificates, IReadOnlyList<CertificateDetails> CertificateChain);

/// <summary>One certificate (Envoy's CertificateDetails).</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="SerialNumber">Serial number, hexadecimal.</param>
/// <param name="SubjectAltNames">SANs as (type, value): type is <c>dns</c>, <c>uri</c>, <c>ip_address</c> or <c>email</c>.</param>
/// <param name="ValidFrom">Not before.</param>
/// <param name="ExpirationTime">Not after.</param>
public sealed record CertificateDetails(string Path, string SerialNumber, IReadOnlyList<KeyValuePair<string, string>> SubjectAltNames, DateTimeOffset ValidFrom, DateTimeOffset ExpirationTime);
