using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CloudMesh.Proxy.DataPlane.Tests.Support;
using CloudMesh.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CloudMesh.Proxy.DataPlane.Tests;

/// <summary>
/// Listener TLS (STRICT, PERMISSIVE, mutual TLS with SAN matching) and client-policy TLS as the compiler emits them,
/// over real sockets, with certificates made at test time and read from PEM files as App Mesh declares them.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private readonly TestPki _pki = new();

    private static HttpClient Client(HttpMessageHandler handler) => new(handler) { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task A_strict_listener_serves_its_file_certificate_over_http1_and_h2_and_refuses_cleartext()
    {
        await using var app = await TestBackend.StartAsync("app");
        var server = _pki.Leaf("front", ["front.demo.local", "127.0.0.1"]);
        var state = new TestMesh().Node("front", app.Port, listenerExtras: TestPki.ListenerTls("STRICT", server.Chain, server.Key)).Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        X509Certificate2? served = null;
        var handler = TestCertificates.HandlerTrustingAuthority(_pki.Authority);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
        {
            served = presented is null ? null : X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
            return TestCertificates.IssuedBy(presented, _pki.Authority);
        };
        using var https = Client(handler);
        var url = $"https://127.0.0.1:{proxy.Ports[15000]}/hello";

        using var h1 = await https.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, h1.StatusCode);
        Assert.Equal("app", await h1.Content.ReadAsStringAsync());
        Assert.Equal(server.Certificate.Thumbprint, served!.Thumbprint);

        // ALPN: the HTTP connection manager speaks both; an HTTP/2 client gets HTTP/2.
        using var h2 = await https.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact });
        Assert.Equal(HttpVersion.Version20, h2.Version);
        Assert.Equal("app", await h2.Content.ReadAsStringAsync());

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => proxy.GetAsync(proxy.Ingress, "/hello"));
    }

    [Fact]
    public async Task Mutual_tls_accepts_a_trusted_client_with_a_matching_SAN_and_refuses_the_others()
    {
        await using var app = await TestBackend.StartAsync("app");
        var server = _pki.Leaf("front", ["front.demo.local"]);
        var tls = TestPki.ListenerTls("STRICT", server.Chain, server.Key, _pki.TrustFile, ["spiffe://demo/client", "client.demo.local"]);
        var state = new TestMesh().Node("front", app.Port, listenerExtras: tls).Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);
        var url = $"https://127.0.0.1:{proxy.Ports[15000]}/";

        var byUri = _pki.Leaf("client-uri", ["spiffe://demo/client"]).Certificate;
        var byDns = _pki.Leaf("client-dns", ["client.demo.local"]).Certificate;
        var wrongSan = _pki.Leaf("intruder", ["spiffe://demo/intruder", "intruder.demo.local"]).Certificate;
        var untrusted = _pki.Leaf("stranger", ["spiffe://demo/client"], _pki.Stranger).Certificate;

        foreach (var good in new[] { byUri, byDns })
        {
            using var client = Client(TestCertificates.HandlerTrustingAuthority(_pki.Authority, good));
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        foreach (var bad in new X509Certificate2?[] { wrongSan, untrusted, null })
        {
            using var client = Client(TestCertificates.HandlerTrustingAuthority(_pki.Authority, bad));
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(url));
        }

        Assert.Equal(2, app.Requests);

        // Envoy's ssl.* counters tell the refusals apart (HttpClient tries a refused connection more than once).
        var tlsStats = proxy.DataPlane.Snapshot().Listeners.Single(l => l.Name == "lds_ingress_0.0.0.0_15000").Tls!;
        Assert.Equal((2, 0), (tlsStats.Handshakes, tlsStats.ConnectionErrors));
        Assert.True(tlsStats is { FailVerifyNoCert: > 0, FailVerifyError: > 0, FailVerifySan: > 0 }, tlsStats.ToString());
    }

    [Fact]
    public async Task A_permissive_listener_serves_tls_and_cleartext_on_the_same_port()
    {
        await using var app = await TestBackend.StartAsync("app");
        var server = _pki.Leaf("front", ["front.demo.local"]);
        var state = new TestMesh().Node("front", app.Port, listenerExtras: TestPki.ListenerTls("PERMISSIVE", server.Chain, server.Key)).Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        using var https = Client(TestCertificates.HandlerTrustingAuthority(_pki.Authority));
        using var secure = await https.GetAsync($"https://127.0.0.1:{proxy.Ports[15000]}/");
        Assert.Equal("app", await secure.Content.ReadAsStringAsync());

        using var plain = await proxy.GetAsync(proxy.Ingress, "/");
        Assert.Equal("app", await plain.Content.ReadAsStringAsync());

        // An h2c prior-knowledge client on the cleartext chain still works.
        using var h2c = await proxy.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, proxy.Ingress) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact });
        Assert.Equal(HttpVersion.Version20, h2c.Version);
    }

    [Fact]
    public async Task A_tcp_listener_with_tls_pumps_the_decrypted_bytes()
    {
        await using var echo = new TcpEchoServer();
        var server = _pki.Leaf("db", ["db.demo.local"]);
        var state = new TestMesh().Node("db", echo.Port, protocol: "tcp", listenerExtras: TestPki.ListenerTls("STRICT", server.Chain, server.Key)).Compile("db");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, proxy.Ports[15000]);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, c, _, _) => TestCertificates.IssuedBy(c, _pki.Authority));
        await ssl.AuthenticateAsClientAsync("db.demo.local");
        await ssl.WriteAsync(Encoding.ASCII.GetBytes("ping-pong"));
        var buffer = new byte[9];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await ssl.ReadAsync(buffer.AsMemory(read));
            Assert.NotEqual(0, n);
            read += n;
        }

        Assert.Equal("ping-pong", Encoding.ASCII.GetString(buffer));
    }

    [Theory]
    [InlineData("http")]
    [InlineData("http2")]
    public async Task Sidecar_to_sidecar_mutual_tls_over_a_client_policy_with_validation(string protocol)
    {
        await using var app = await TestBackend.StartAsync("back-app", protocols: protocol == "http" ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http2);
        var backAddress = IPAddress.Parse("127.0.0.2");
        var backPort = FreePort.Get();
        var backCert = _pki.Leaf("back", ["back.demo.local"]);
        var frontCert = _pki.Leaf("front", ["spiffe://demo/front"]);
        TestMesh Mesh(string[] serverSans) => new TestMesh()
            .Node("front", 18080, backends: ["back.demo.local"])
            .NodeSpec("front", TestPki.BackendDefaultsTls(_pki.TrustFile, serverSans, frontCert.Chain, frontCert.Key))
            .Node("back", backPort, protocol, hostname: backAddress.ToString(),
                listenerExtras: TestPki.ListenerTls("STRICT", backCert.Chain, backCert.Key, _pki.TrustFile, ["spiffe://demo/front"]))
            .ServiceOnNode("back.demo.local", "back");

        // The back sidecar on its own address, its ingress on the node's port; the app on 127.0.0.1 at that port.
        var backState = new TestMesh().Node("back", app.Port, protocol,
            listenerExtras: TestPki.ListenerTls("STRICT", backCert.Chain, backCert.Key, _pki.TrustFile, ["spiffe://demo/front"])).Compile("back");
        await using var back = await TestProxy.StartAtAsync(backAddress, backPort);
        await back.ApplyAsync(backState);
        await using var front = await TestProxy.StartAsync();
        await front.ApplyAsync(Mesh(["back.demo.local"]).Compile("front"));

        using var response = await front.GetAsync(front.Egress, "/through", host: $"back.demo.local:{backPort}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("back-app", await response.Content.ReadAsStringAsync());
        Assert.Equal("/through", response.Headers.GetValues("x-path").Single());
        Assert.Equal(protocol == "http" ? "HTTP/1.1" : "HTTP/2", response.Headers.GetValues("x-protocol").Single());

        // A client policy expecting another SAN refuses the back sidecar's certificate: 503, nothing reaches the app.
        await front.ApplyAsync(Mesh(["other.demo.local"]).Compile("front"));
        var before = app.Requests;
        using var refused = await front.GetAsync(front.Egress, "/refused", host: $"back.demo.local:{backPort}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(before, app.Requests);
        var clusterTls = front.DataPlane.Snapshot().Clusters.Single(c => c.Name.StartsWith("cds_egress_", StringComparison.Ordinal)).Stats.Tls!;
        Assert.True(clusterTls.FailVerifySan >= 1, clusterTls.ToString());
        Assert.Equal(0, clusterTls.Handshakes);
    }

    [Fact]
    public async Task A_certificate_file_rewritten_on_disk_is_served_to_the_next_connection()
    {
        await using var app = await TestBackend.StartAsync("app");
        var first = _pki.Leaf("rotating", ["front.demo.local"]);
        var state = new TestMesh().Node("front", app.Port, listenerExtras: TestPki.ListenerTls("STRICT", first.Chain, first.Key)).Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);
        var port = proxy.Ports[15000];
        Assert.Equal(first.Certificate.Thumbprint, await ServedThumbprintAsync(port));

        var second = _pki.Leaf("rotating", ["front.demo.local"]);
        Assert.NotEqual(first.Certificate.Thumbprint, second.Certificate.Thumbprint);

        // Without a push: within the recheck interval a new connection gets the new certificate.
        await Eventually.TrueAsync(async () => await ServedThumbprintAsync(port) == second.Certificate.Thumbprint, "the rotated certificate was never served");

        // A push that finds a broken file is rejected and the last good certificate keeps serving.
        await File.WriteAllTextAsync(second.Chain, "not a certificate");
        var result = await proxy.DataPlane.ApplyAsync(state, "", CancellationToken.None);
        Assert.False(result.IsAccepted);
        Assert.Contains(second.Chain, result.ErrorDetail, StringComparison.Ordinal);
        Assert.Equal(second.Certificate.Thumbprint, await ServedThumbprintAsync(port));
    }

    [Fact]
    public async Task A_missing_certificate_file_is_nacked_naming_the_file_and_the_last_good_configuration_keeps_serving()
    {
        await using var app = await TestBackend.StartAsync("app");
        var good = new TestMesh().Node("front", app.Port).Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(good);

        var missing = _pki.PathOf("missing.crt.pem");
        var bad = new TestMesh().Node("front", app.Port, listenerExtras: TestPki.ListenerTls("STRICT", missing, _pki.PathOf("missing.key.pem"))).Compile("front");
        var result = await proxy.DataPlane.ApplyAsync(bad, "", CancellationToken.None);

        Assert.False(result.IsAccepted);
        Assert.Contains("lds_ingress_0.0.0.0_15000", result.ErrorDetail, StringComparison.Ordinal);
        Assert.Contains(missing, result.ErrorDetail, StringComparison.Ordinal);
        using var response = await proxy.GetAsync(proxy.Ingress, "/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Sds_certificates_are_nacked_naming_the_secret()
    {
        await using var proxy = await TestProxy.StartAsync();
        var state = new TestMesh()
            .Node("front", 8080, listenerExtras: """{"tls":{"mode":"STRICT","certificate":{"sds":{"secretName":"spiffe://demo/front"}}}}""")
            .Compile("front");

        var result = await proxy.DataPlane.ApplyAsync(state, "", CancellationToken.None);

        Assert.False(result.IsAccepted);
        Assert.Contains("SDS secret 'spiffe://demo/front'", result.ErrorDetail, StringComparison.Ordinal);
        Assert.Contains("listener lds_ingress_0.0.0.0_15000", result.ErrorDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http2_client_with_prior_knowledge_and_no_alpn_gets_http2_over_tls_as_envoy_clients_do()
    {
        await using var app = await TestBackend.StartAsync("app");
        var server = _pki.Leaf("front", ["front.demo.local"]);
        var state = new TestMesh().Node("front", app.Port, listenerExtras: TestPki.ListenerTls("STRICT", server.Chain, server.Key)).Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        // TLS without ALPN, then the HTTP/2 preface: what Envoy sends for an http2 cluster whose TLS context lists no ALPN.
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                var tcp = new TcpClient();
                await tcp.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, token);
                var ssl = new SslStream(tcp.GetStream(), false, (_, c, _, _) => TestCertificates.IssuedBy(c, _pki.Authority));
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "front.demo.local" }, token);
                return ssl;
            },
        };
        using var client = Client(handler);
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, proxy.Ingress) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact });

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("app", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_checks_of_a_tls_backend_travel_over_its_client_policy_tls()
    {
        var certificate = _pki.Leaf("svc", ["svc.demo.local"]).Certificate;
        await using var good = await TestBackend.StartAsync("good", certificate: certificate);
        await using var sick = await TestBackend.StartAsync("sick", async context =>
        {
            context.Response.StatusCode = context.Request.Path == "/health" ? 503 : 200;
            await context.Response.WriteAsync("sick");
        }, certificate: certificate);
        var state = new TestMesh()
            .Node("front", 18080, backends: ["svc.demo.local"])
            .NodeSpec("front", TestPki.BackendDefaultsTls(_pki.TrustFile, ["svc.demo.local"]))
            .RegisteredNode("svc", 9000, [good.Port, sick.Port], """{"healthCheck":{"protocol":"http","path":"/health","intervalMillis":5000,"timeoutMillis":2000,"healthyThreshold":2,"unhealthyThreshold":2}}""")
            .ServiceOnNode("svc.demo.local", "svc")
            .Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        // Probes in cleartext would fail both hosts; over TLS only the sick one fails.
        await Eventually.TrueAsync(
            () => Task.FromResult(proxy.DataPlane.Snapshot().Clusters.Single(c => c.Type == "EDS").Endpoints.Any(e => !e.Healthy)),
            "the sick host is marked unhealthy",
            TimeSpan.FromSeconds(60));
        Assert.Single(proxy.DataPlane.Snapshot().Clusters.Single(c => c.Type == "EDS").Endpoints, e => e.Healthy);
        for (var i = 0; i < 6; i++)
        {
            using var response = await proxy.GetAsync(proxy.Egress, "/work", host: "svc.demo.local");
            Assert.Equal("good", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_tcp_backend_behind_a_tls_sidecar_is_reached_over_the_client_policy_tls()
    {
        await using var echo = new TcpEchoServer(greeting: "HELLO ");
        var backAddress = IPAddress.Parse("127.0.0.3");
        var backPort = FreePort.Get();
        var backCert = _pki.Leaf("db", ["db.demo.local"]);
        var frontCert = _pki.Leaf("front", ["spiffe://demo/front"]);
        var serverTls = TestPki.ListenerTls("STRICT", backCert.Chain, backCert.Key, _pki.TrustFile, ["spiffe://demo/front"]);
        await using var back = await TestProxy.StartAtAsync(backAddress, backPort);
        await back.ApplyAsync(new TestMesh().Node("db", echo.Port, protocol: "tcp", listenerExtras: serverTls).Compile("db"));
        await using var front = await TestProxy.StartAsync();
        await front.ApplyAsync(new TestMesh()
            .Node("front", 18080, backends: ["db.demo.local"])
            .NodeSpec("front", TestPki.BackendDefaultsTls(_pki.TrustFile, ["db.demo.local"], frontCert.Chain, frontCert.Key))
            .Node("db", backPort, protocol: "tcp", hostname: backAddress.ToString(), listenerExtras: serverTls)
            .ServiceOnNode("db.demo.local", "db")
            .Compile("front"));

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, front.Ports[15001]);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("query"));
        var buffer = new byte[11];
        var read = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token);
            Assert.NotEqual(0, n);
            read += n;
        }

        Assert.Equal("HELLO query", Encoding.ASCII.GetString(buffer));
    }

    [Fact]
    public async Task Certificates_reports_each_tls_context_with_its_trust_bundle_and_chain()
    {
        var server = _pki.Leaf("front", ["front.demo.local", "spiffe://demo/front"]);
        var state = new TestMesh()
            .Node("front", 8080, backends: ["back.demo.local"], listenerExtras: TestPki.ListenerTls("STRICT", server.Chain, server.Key, _pki.TrustFile, ["spiffe://demo/client"]))
            .NodeSpec("front", TestPki.BackendDefaultsTls(_pki.TrustFile, ["back.demo.local"]))
            .Node("back", 9090)
            .ServiceOnNode("back.demo.local", "back")
            .Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        var contexts = proxy.DataPlane.Certificates();

        Assert.Equal(["listener lds_ingress_0.0.0.0_15000, filter chain ingress_http_8080", "cluster cds_egress_demo_back_http_9090"], contexts.Select(c => c.Resource));
        var listener = contexts[0];
        Assert.Equal(_pki.Authority.SerialNumber.ToLowerInvariant(), Assert.Single(listener.CaCertificates).SerialNumber);
        var leaf = Assert.Single(listener.CertificateChain);
        Assert.Equal(server.Chain, leaf.Path);
        Assert.Equal(server.Certificate.SerialNumber.ToLowerInvariant(), leaf.SerialNumber);
        Assert.Contains(KeyValuePair.Create("uri", "spiffe://demo/front"), leaf.SubjectAltNames);
        Assert.Contains(KeyValuePair.Create("dns", "front.demo.local"), leaf.SubjectAltNames);
        Assert.InRange(leaf.ExpirationTime, DateTimeOffset.UtcNow.AddDays(6), DateTimeOffset.UtcNow.AddDays(8));
        Assert.Empty(contexts[1].CertificateChain);
        Assert.Single(contexts[1].CaCertificates);
    }

    private static async Task<string> ServedThumbprintAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync("front.demo.local");
        using var served = X509CertificateLoader.LoadCertificate(ssl.RemoteCertificate!.GetRawCertData());
        return served.Thumbprint;
    }

    public void Dispose() => _pki.Dispose();
}
