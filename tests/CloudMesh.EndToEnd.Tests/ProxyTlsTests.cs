using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.EndToEnd.Tests.Support;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.EndToEnd.Tests;

/// <summary>
/// App Mesh TLS end to end: a mesh declared through the App Mesh API with listener TLS (file certificates, STRICT with
/// mutual TLS on a virtual node, PERMISSIVE on a virtual gateway) and client-policy TLS, served by CloudMesh proxy
/// processes to curl and between sidecars (<see cref="SecureMesh"/>); an SDS certificate is NACKed.
/// </summary>
public sealed class ProxyTlsTests(CloudMeshApiFixture api) : IClassFixture<CloudMeshApiFixture>, IDisposable
{
    private readonly TempDirectory _state = new("cloudmesh-proxy-state");

    [Fact]
    public async Task Curl_validates_the_gateways_certificate_permissive_serves_cleartext_too_and_sidecars_speak_mutual_tls()
    {
        await using var mesh = await SecureMesh.DeployAsync(api, _state);
        var intruder = mesh.Leaf("intruder", true, "spiffe://secure/intruder");
        var untrusted = mesh.Leaf("untrusted", false, "spiffe://secure/web");

        // The gateway's PERMISSIVE listener: curl validating its certificate against the mesh CA, and cleartext on the same port.
        var secure = await SecureMesh.CurlAsync(mesh.GatewayHttps("/via-gateway"));
        Assert.Equal("orders /via-gateway\n", secure.Stdout);
        var cleartext = await SecureMesh.CurlAsync($"http://{mesh.Gateway.Address}:{mesh.GatewayPort}/cleartext");
        Assert.Equal("orders /cleartext\n", cleartext.Stdout);

        // The client sidecar calls the service by name; its client policy originates mutual TLS to the orders sidecar.
        Assert.Equal("orders /via-web\n", await mesh.ThroughWebAsync("/via-web"));

        // The orders sidecar itself: a trusted client certificate with an allowed SAN gets in; the others do not.
        var allowed = await SecureMesh.CurlAsync([.. mesh.OrdersHttps("/direct"), "--cert", mesh.WebCertificate.Chain, "--key", mesh.WebCertificate.Key]);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Equal("orders /direct\n", allowed.Stdout);
        string[][] refusals =
        [
            [.. mesh.OrdersHttps("/"), "--cert", intruder.Chain, "--key", intruder.Key],
            [.. mesh.OrdersHttps("/"), "--cert", untrusted.Chain, "--key", untrusted.Key],
            mesh.OrdersHttps("/"),
            [$"http://{mesh.OrdersAddress}:{mesh.OrdersPort}/"],
        ];
        foreach (var refused in refusals)
        {
            var result = await SecureMesh.CurlAsync(refused);
            Assert.True(result.ExitCode != 0, $"expected a refusal for {string.Join(' ', refused)}: {result}");
        }

        // Envoy's ssl.* stats: the wrong-SAN and untrusted client certificates and the missing one are told apart.
        var stats = await mesh.Orders.Admin.GetStringAsync("stats/prometheus");
        var listenerLabel = $"{{envoy_listener_address=\"0.0.0.0_15000\"}}";
        Assert.Contains($"envoy_listener_ssl_fail_verify_san{listenerLabel} 1", stats, StringComparison.Ordinal);
        Assert.Contains($"envoy_listener_ssl_fail_verify_error{listenerLabel} 1", stats, StringComparison.Ordinal);
        Assert.Contains($"envoy_listener_ssl_fail_verify_no_cert{listenerLabel} 1", stats, StringComparison.Ordinal);

        // Envoy's /certs on the admin port: the listener's trust bundle and certificate, with SANs and expiry.
        using var certs = JsonDocument.Parse(await mesh.Orders.Admin.GetStringAsync("certs"));
        var context = Assert.Single(certs.RootElement.GetProperty("certificates").EnumerateArray());
        Assert.Equal("listener lds_ingress_0.0.0.0_15000, filter chain ingress_http_" + mesh.OrdersPort, context.GetProperty("resource").GetString());
        Assert.Equal(mesh.CaFile, context.GetProperty("ca_cert")[0].GetProperty("path").GetString());
        var leaf = context.GetProperty("cert_chain")[0];
        Assert.Equal("orders.secure.local", leaf.GetProperty("subject_alt_names")[0].GetProperty("dns").GetString());
        Assert.Equal("6", leaf.GetProperty("days_until_expiration").GetString());
    }

    [Fact]
    public async Task An_sds_certificate_is_nacked_with_the_secret_named_and_the_sidecar_keeps_serving_its_file_certificate()
    {
        await using var mesh = await SecureMesh.DeployAsync(api, _state);
        var spec = new JsonObject
        {
            ["listeners"] = new JsonArray(new JsonObject
            {
                ["portMapping"] = new JsonObject { ["port"] = mesh.OrdersPort, ["protocol"] = "http" },
                ["tls"] = new JsonObject { ["mode"] = "STRICT", ["certificate"] = new JsonObject { ["sds"] = new JsonObject { ["secretName"] = "spiffe://secure/orders" } } },
            }),
            ["serviceDiscovery"] = new JsonObject { ["dns"] = new JsonObject { ["hostname"] = mesh.OrdersAddress.ToString() } },
        };
        await MeshWriter.UpdateAsync(mesh.Writer, "/v20190125/meshes/secure/virtualNodes/orders", spec.ToJsonString());

        var detail = await Eventually.ReturnsAsync(async () =>
        {
            using var dump = JsonDocument.Parse(await mesh.Orders.Admin.GetStringAsync("config_dump"));
            return dump.RootElement.GetProperty("cloudmesh").TryGetProperty("lastRejection", out var rejection) ? rejection.GetProperty("detail").GetString() : null;
        }, d => d is not null, "the proxy never reported a NACK");
        Assert.Contains("SDS secret 'spiffe://secure/orders'", detail, StringComparison.Ordinal);
        Assert.Contains("lds_ingress_0.0.0.0_15000", detail, StringComparison.Ordinal);

        // The last good configuration (the file certificate, mutual TLS) keeps serving.
        var still = await SecureMesh.CurlAsync([.. mesh.OrdersHttps("/still"), "--cert", mesh.WebCertificate.Chain, "--key", mesh.WebCertificate.Key]);
        Assert.True(still.ExitCode == 0, still.ToString());
        Assert.Equal("orders /still\n", still.Stdout);
    }

    public void Dispose() => _state.Dispose();
}
