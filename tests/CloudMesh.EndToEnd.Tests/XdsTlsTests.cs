using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CloudMesh.Api.Hosting;
using CloudMesh.EndToEnd.Tests.Support;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.EndToEnd.Tests;

/// <summary>
/// The xDS listener over TLS, configured as an operator would: <c>CLOUDMESH_XDS_URL=https://...</c> with PEM files
/// (<c>CLOUDMESH_XDS_TLS_CERT</c> / <c>CLOUDMESH_XDS_TLS_KEY</c>); a proxy trusting that certificate gets its config.
/// </summary>
public sealed class XdsTlsTests
{
    [Fact]
    public async Task A_proxy_gets_its_config_over_tls_from_a_pem_certificate()
    {
        using var directory = new TempDirectory("cloudmesh-xds-tls");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(directory.Combine("xds.crt"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(directory.Combine("xds.key"), key.ExportPkcs8PrivateKeyPem());

        var options = new CloudMeshOptions
        {
            Database = await TestPostgres.CreateDatabaseAsync("xdstls"),
            Home = directory.Combine("home"),
            AdminToken = "tls-admin",
            CreateDefaultTenant = false,
            XdsUrl = $"https://127.0.0.1:{FreePort.Get()}",
            XdsTlsCertificateFile = directory.Combine("xds.crt"),
            XdsTlsKeyFile = directory.Combine("xds.key"),
        };
        await using var server = await CloudMeshHost.StartAsync(options, ["--urls", $"http://127.0.0.1:{FreePort.Get()}"], _ => { });
        using var http = new HttpClient { BaseAddress = server.Endpoint };
        var tenant = await CloudMeshApiFixture.CreateTenantAsync(http, "tls-admin");
        var client = new AppMeshTestClient(http, tenant);
        var token = await MeshWriter.IssueXdsTokenAsync(http, "tls-admin", tenant.AccountId);
        await MeshWriter.CreateAsync(client, "/v20190125/meshes", "meshName", "m", "{}");
        await MeshWriter.CreateAsync(client, "/v20190125/meshes/m/virtualNodes", "virtualNodeName", "web",
            """{"listeners":[{"portMapping":{"port":8080,"protocol":"http"}}]}""");
        var thumbprint = certificate.GetCertHashString();
        var trusting = new SocketsHttpHandler();
        trusting.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == thumbprint;

        await using var proxy = await XdsTestClient.ConnectAsync(server.XdsEndpoint!, "mesh/m/virtualNode/web",
            new global::Grpc.Core.Metadata { { "authorization", "Bearer " + token } }, handler: trusting);

        var clusters = await proxy.WaitForAsync(XdsTestClient.ClusterType, r => r.Resources.Count > 0);
        Assert.Contains(XdsTestClient.Names(clusters), n => n.Contains("ingress", StringComparison.Ordinal));
        Assert.Equal("https", server.XdsEndpoint!.Scheme);
    }
}
