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
        using X509Certificate2 certificate = TestCertificates.Server();
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

        using SocketsHttpHandler trusting = TestCertificates.HandlerTrusting(certificate);
        await using RunningClient proxy = RunningClient.Start(RunningClient.Options(server.Address, httpHandler: trusting));
        await Eventually.TrueAsync(() => IsComplete(proxy.Handler.Current), "the configuration over TLS");
    }
}
