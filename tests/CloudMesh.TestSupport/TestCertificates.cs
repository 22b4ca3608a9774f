using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CloudMesh.TestSupport;

/// <summary>Self-signed certificates made in the test, so TLS runs without any machine-wide trust setup.</summary>
public static class TestCertificates
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary>A server certificate for localhost and 127.0.0.1.</summary>
    public static X509Certificate2 Server() => Create("CN=localhost", ServerAuth, san =>
    {
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
    });

    /// <summary>A client certificate whose identity is the DNS name <paramref name="dnsName"/>.</summary>
    public static X509Certificate2 Client(string dnsName) => Create($"CN={dnsName}", ClientAuth, san => san.AddDnsName(dnsName));

    /// <summary>A client-side validation callback that trusts exactly <paramref name="certificate"/>.</summary>
    public static SocketsHttpHandler HandlerTrusting(X509Certificate2 certificate, X509Certificate2? clientCertificate = null)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.GetCertHashString() == certificate.GetCertHashString();
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return handler;
    }

    private static X509Certificate2 Create(string subject, string usage, Action<SubjectAlternativeNameBuilder> names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        var san = new SubjectAlternativeNameBuilder();
        names(san);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Round-trip through PKCS#12 so TLS gets a certificate whose private key it can use.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
