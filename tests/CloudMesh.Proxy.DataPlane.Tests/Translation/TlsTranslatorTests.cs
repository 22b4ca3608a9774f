using CloudMesh.Proxy.DataPlane.Tests.Support;
using CloudMesh.Proxy.DataPlane.Translation;
using CloudMesh.Proxy.Xds;
using CloudMesh.Xds;
using Envoy.Extensions.TransportSockets.Tls.V3;

namespace CloudMesh.Proxy.DataPlane.Tests.Translation;

/// <summary>App Mesh TLS as the compiler emits it, translated: what each chain and cluster carries, and what is NACKed and why.</summary>
public sealed class TlsTranslatorTests : IDisposable
{
    private const string Ingress = "lds_ingress_0.0.0.0_15000";
    private readonly TestPki _pki = new();

    private static DataPlanePlan Translate(XdsState state) => PlanTranslator.Translate(state, DataPlanePlan.Empty);

    private static PlanRejection Rejected(XdsState state) => Assert.Throws<PlanRejection>(() => Translate(state));

    [Fact]
    public void A_strict_listener_has_one_tls_chain_with_the_file_certificate()
    {
        var server = _pki.Leaf("front", ["front.demo.local"]);
        var state = new TestMesh().Node("front", 8080, listenerExtras: TestPki.ListenerTls("STRICT", server.Chain, server.Key)).Compile("front");

        var chain = Assert.Single(Translate(state).Listeners[Ingress].Chains);

        Assert.Equal(8080, chain.DestinationPort);
        Assert.Null(chain.TransportProtocol);
        Assert.Equal(new CertificateFilesPlan(server.Chain, server.Key), chain.Tls!.Certificate);
        Assert.Null(chain.Tls.Validation);
        Assert.False(chain.Tls.RequireClientCertificate);
    }

    [Fact]
    public void A_permissive_mtls_listener_has_a_tls_and_a_raw_buffer_chain_and_the_sans_as_typed_matchers()
    {
        var server = _pki.Leaf("front", ["front.demo.local"]);
        var tls = TestPki.ListenerTls("PERMISSIVE", server.Chain, server.Key, _pki.TrustFile, ["spiffe://demo/client", "client.demo.local"]);
        var state = new TestMesh().Node("front", 8080, listenerExtras: tls).Compile("front");

        var chains = Translate(state).Listeners[Ingress].Chains;

        Assert.Equal(["tls", "raw_buffer"], chains.Select(c => c.TransportProtocol));
        var secure = chains[0].Tls!;
        Assert.Null(chains[1].Tls);
        Assert.True(secure.RequireClientCertificate);
        Assert.Equal(_pki.TrustFile, secure.Validation!.TrustedCaPath);
        Assert.Equal(
            [(SanKind.Uri, "spiffe://demo/client"), (SanKind.Dns, "client.demo.local")],
            secure.Validation.SubjectAltNames.Select(m => (m.Kind, m.Condition.Value)));
    }

    [Fact]
    public void A_client_policy_puts_tls_on_the_backend_cluster_with_trust_sans_and_client_certificate()
    {
        var client = _pki.Leaf("front", ["spiffe://demo/front"]);
        var state = new TestMesh()
            .Node("front", 8080, backends: ["back.demo.local"])
            .NodeSpec("front", TestPki.BackendDefaultsTls(_pki.TrustFile, ["back.demo.local"], client.Chain, client.Key))
            .Node("back", 9090)
            .ServiceOnNode("back.demo.local", "back")
            .Compile("front");

        var plan = Translate(state);

        var tls = plan.Clusters["cds_egress_demo_back_http_9090"].Tls!;
        Assert.Equal(new CertificateFilesPlan(client.Chain, client.Key), tls.ClientCertificate);
        Assert.Equal(_pki.TrustFile, tls.Validation!.TrustedCaPath);
        Assert.Equal("back.demo.local", Assert.Single(tls.Validation.SubjectAltNames).Condition.Value);
        Assert.Null(plan.Clusters.Values.Single(c => c.Name.StartsWith("cds_ingress_", StringComparison.Ordinal)).Tls);
    }

    [Fact]
    public void An_sds_certificate_is_rejected_naming_the_chain_the_secret_and_the_local_agent()
    {
        var state = new TestMesh()
            .Node("front", 8080, listenerExtras: """{"tls":{"mode":"STRICT","certificate":{"sds":{"secretName":"spiffe://demo/front"}}}}""")
            .Compile("front");

        var rejection = Rejected(state);

        Assert.Contains($"listener {Ingress}, filter chain ingress_http_8080", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("server certificate SDS secret 'spiffe://demo/front' from the local SDS agent", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_acm_certificate_is_rejected_as_a_secret_requested_over_ads()
    {
        const string arn = "arn:aws:acm:us-east-1:111122223333:certificate/abc";
        var state = new TestMesh()
            .Node("front", 8080, listenerExtras: """{"tls":{"mode":"STRICT","certificate":{"acm":{"certificateArn":"ARN"}}}}""".Replace("ARN", arn, StringComparison.Ordinal))
            .Compile("front");

        var rejection = Rejected(state);

        Assert.Contains($"SDS secret '{arn}' requested over ADS", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sds_and_acm_trust_in_a_client_policy_are_rejected_naming_the_cluster()
    {
        static XdsState WithTrust(string trust) => new TestMesh()
            .Node("front", 8080, backends: ["back.demo.local"])
            .NodeSpec("front", $$$$$$$$"""{"backendDefaults":{"clientPolicy":{"tls":{"validation":{"trust":{{{{{{{{trust}}}}}}}}}}}}}""")
            .Node("back", 9090)
            .ServiceOnNode("back.demo.local", "back")
            .Compile("front");

        var sds = Rejected(WithTrust("""{"sds":{"secretName":"mesh-bundle"}}"""));
        var acm = Rejected(WithTrust("""{"acm":{"certificateAuthorityArns":["arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/ca"]}}"""));

        Assert.Contains("cluster cds_egress_demo_back_http_9090: trust for the server's certificate: SDS secret 'mesh-bundle'", sds.Message, StringComparison.Ordinal);
        Assert.Contains("certificate-authority/ca' requested over ADS", acm.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_files_are_rejected_naming_the_file()
    {
        var server = _pki.Leaf("front", ["front.demo.local"]);
        var garbage = _pki.PathOf("garbage.pem");
        File.WriteAllText(garbage, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        var other = _pki.Leaf("other", ["other.demo.local"]);

        var missingKey = Rejected(new TestMesh().Node("front", 8080, listenerExtras: TestPki.ListenerTls("STRICT", server.Chain, _pki.PathOf("nope.key"))).Compile("front"));
        var badTrust = Rejected(new TestMesh().Node("front", 8080, listenerExtras: TestPki.ListenerTls("STRICT", server.Chain, server.Key, garbage)).Compile("front"));
        var wrongKey = Rejected(new TestMesh().Node("front", 8080, listenerExtras: TestPki.ListenerTls("STRICT", server.Chain, other.Key)).Compile("front"));

        Assert.Contains(_pki.PathOf("nope.key"), missingKey.Message, StringComparison.Ordinal);
        Assert.Contains($"trust for client certificates: trust bundle {garbage} holds no PEM certificate", badTrust.Message, StringComparison.Ordinal);
        Assert.Contains($"cannot load certificate chain {server.Chain} with private key {other.Key}", wrongKey.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_contexts_this_data_plane_cannot_honour_are_rejected()
    {
        var server = _pki.Leaf("front", ["front.demo.local"]);
        var state = new TestMesh().Node("front", 8080, listenerExtras: TestPki.ListenerTls("STRICT", server.Chain, server.Key, _pki.TrustFile)).Compile("front");
        var listener = state.Listeners[Ingress].Clone();
        var context = XdsMessageTypes.DownstreamTlsContext.Unpack(listener.FilterChains[0].TransportSocket.TypedConfig);
        context.CommonTlsContext.ValidationContext.VerifyCertificateHash.Add("00:11");
        listener.FilterChains[0].TransportSocket.TypedConfig = XdsMessageTypes.DownstreamTlsContext.Pack(context);

        var rejection = Rejected(state with { Listeners = state.Listeners.SetItem(Ingress, listener) });

        Assert.Contains("only trusted_ca and subject alt name matchers are supported", rejection.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _pki.Dispose();
}
