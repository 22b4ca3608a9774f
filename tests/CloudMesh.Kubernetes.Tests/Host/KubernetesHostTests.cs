using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Host;
using CloudMesh.Kubernetes.Tests.Controller;
using CloudMesh.Kubernetes.Tests.Fakes;
using CloudMesh.Kubernetes.Webhook;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Microsoft.AspNetCore.Builder;
using Xunit;
using K = CloudMesh.Kubernetes.Controller.AppMeshCustomResource;

namespace CloudMesh.Kubernetes.Tests.Host;

/// <summary>
/// The <c>cloudmesh-kubernetes</c> application as configured in a cluster, against the fake API server (no real one
/// can run here) and a real CloudMesh: health, readiness after the informers sync, reconciliation, and the webhook
/// over HTTPS with certificate files, answering from the controller's caches.
/// </summary>
[Collection(CloudMeshApiCollection.Name)]
public sealed class KubernetesHostTests(CloudMeshApiFixture api)
{
    [Fact]
    public async Task Serves_health_reconciles_and_injects_over_https()
    {
        await using var kube = await FakeKubernetesApiServer.StartAsync([.. K.All.Select(k => k.Type)]);
        var tenant = await api.CreateTenantAsync("k8s-host");
        using var certificates = new TempDirectory("k8s-webhook-tls");
        using var certificate = TestCertificates.Server();
        var certFile = Path.Combine(certificates.Path, "tls.crt");
        var keyFile = Path.Combine(certificates.Path, "tls.key");
        await File.WriteAllTextAsync(certFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var (healthPort, webhookPort) = (FreePort.Get(), FreePort.Get());

        await using var app = KubernetesHost.Build([
            $"--Kubernetes:Server={kube.Endpoint}", $"--Kubernetes:Token={kube.Token}",
            $"--CloudMesh:Endpoint={api.Endpoint}", $"--CloudMesh:AccessKeyId={tenant.AccessKeyId}", $"--CloudMesh:SecretAccessKey={tenant.SecretAccessKey}",
            $"--Health:Port={healthPort}", $"--Webhook:Port={webhookPort}", $"--Webhook:CertificateFile={certFile}", $"--Webhook:KeyFile={keyFile}",
            "--Controller:BackoffBase=00:00:00.050", "--Controller:BackoffMax=00:00:01",
            "--Injector:ProxyImage=example/proxy:test", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        try
        {
            using var health = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{healthPort}") };
            Assert.Equal("ok", await health.GetStringAsync("/healthz"));
            await Eventually.TrueAsync(async () => (await health.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "ready once synced");

            kube.Create(KubernetesResourceType.Namespaces, JsonNode.Parse("""
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop", "labels": {"mesh": "shop", "appmesh.k8s.aws/sidecarInjectorWebhook": "enabled"}}}
                """)!.AsObject());
            kube.Create(K.Mesh.Type, JsonNode.Parse("""
                {"apiVersion": "appmesh.k8s.aws/v1beta2", "kind": "Mesh", "metadata": {"name": "shop"}, "spec": {"namespaceSelector": {"matchLabels": {"mesh": "shop"}}}}
                """)!.AsObject());
            kube.Create(K.VirtualNode.Type, JsonNode.Parse("""
                {"apiVersion": "appmesh.k8s.aws/v1beta2", "kind": "VirtualNode", "metadata": {"name": "cart", "namespace": "shop"},
                 "spec": {"podSelector": {"matchLabels": {"app": "cart"}}, "listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}],
                          "serviceDiscovery": {"dns": {"hostname": "cart.shop.svc.cluster.local"}}}}
                """)!.AsObject());
            await Eventually.TrueAsync(() => kube.Get(K.VirtualNode.Type, "shop", "cart")?["status"]?["virtualNodeARN"] is not null, "cart reconciled");
            var arn = kube.Get(K.VirtualNode.Type, "shop", "cart")!["status"]!["virtualNodeARN"]!.GetValue<string>();
            Assert.Equal($"arn:aws:appmesh:us-east-1:{tenant.AccountId}:mesh/shop/virtualNode/cart_shop", arn);

            using var webhook = new HttpClient(TestCertificates.HandlerTrusting(certificate)) { BaseAddress = new Uri($"https://localhost:{webhookPort}") };
            var review = new JsonObject
            {
                ["apiVersion"] = "admission.k8s.io/v1",
                ["kind"] = "AdmissionReview",
                ["request"] = new JsonObject
                {
                    ["uid"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
                    ["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
                    ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
                    ["namespace"] = "shop",
                    ["operation"] = "CREATE",
                    ["object"] = JsonNode.Parse("""
                        {"apiVersion": "v1", "kind": "Pod", "metadata": {"generateName": "cart-", "labels": {"app": "cart"}},
                         "spec": {"containers": [{"name": "cart", "image": "example/cart"}]}}
                        """),
                },
            };
            using var answer = await webhook.PostAsync(PodMutationWebhook.Path, new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json"));
            var response = (await answer.Content.ReadFromJsonAsync<JsonObject>())!["response"]!;
            var patch = JsonNode.Parse(Convert.FromBase64String(response["patch"]!.GetValue<string>()))!.AsArray();
            var pod = Webhook.JsonPatch.Apply(review["request"]!["object"]!.AsObject(), patch);
            var proxy = pod["spec"]!["containers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "envoy")!;
            Assert.Equal("example/proxy:test", proxy["image"]!.GetValue<string>());
            Assert.Contains(proxy["env"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "APPMESH_RESOURCE_ARN" && e["value"]!.GetValue<string>() == arn);

            // The custom resource mutators are served too.
            review["request"]!["kind"] = new JsonObject { ["group"] = "appmesh.k8s.aws", ["version"] = "v1beta2", ["kind"] = "VirtualNode" };
            review["request"]!["object"] = JsonNode.Parse("""
                {"apiVersion": "appmesh.k8s.aws/v1beta2", "kind": "VirtualNode", "metadata": {"name": "orders", "namespace": "shop"}, "spec": {}}
                """);
            using var crAnswer = await webhook.PostAsync("/mutate-appmesh-k8s-aws-v1beta2-virtualnode",
                new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json"));
            var crResponse = (await crAnswer.Content.ReadFromJsonAsync<JsonObject>())!["response"]!;
            var node = Webhook.JsonPatch.Apply(review["request"]!["object"]!.AsObject(),
                JsonNode.Parse(Convert.FromBase64String(crResponse["patch"]!.GetValue<string>()))!.AsArray());
            Assert.Equal("shop", node["spec"]!["meshRef"]!["name"]!.GetValue<string>());
            Assert.Equal("orders_shop", node["spec"]!["awsName"]!.GetValue<string>());
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
