using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CloudMesh.Proxy.Xds.Tests.Support;
using CloudMesh.TestSupport;
using static CloudMesh.Proxy.Xds.Tests.Support.ShopExpectations;

namespace CloudMesh.Proxy.Xds.Tests;

/// <summary>An https:// control plane: the client's own handler decides which certificate to trust.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Configures_over_tls_with_a_trusted_certificate_and_refuses_an_untrusted_one()
    {
        using X509Certificate2 certificate = SelfSigned();
        var mesh = new ShopMesh();
        await using TestControlPlane server = await TestControlPlane.StartAsync(mesh, FreePort.Get(), certificate: certificate);
        Assert.Equal("https", server.Address.Scheme);

        // The default handler validates against the system roots: a self-signed certificate is refused, and reported.
        await using (RunningClient untrusting = RunningClient.Start(RunningClient.Options(server.Address)))
        {
            await Eventually.TrueAsync(() => untrusting.Client.Status.StreamsOpened >= 2, "the client retried");
            Assert.NotNull(untrusting.Client.Status.LastConnectionError);
            Assert.Empty(untrusting.Handler.Calls);
        }

        string thumbprint = certificate.GetCertHashString();
        using var trusting = new SocketsHttpHandler();
        trusting.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == thumbprint;
        await using RunningClient proxy = RunningClient.Start(RunningClient.Options(server.Address, httpHandler: trusting));
        await Eventually.TrueAsync(() => IsComplete(proxy.Handler.Current), "the configuration over TLS");
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }
}
