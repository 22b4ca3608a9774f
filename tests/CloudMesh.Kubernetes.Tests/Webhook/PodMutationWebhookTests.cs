using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Tests.Fakes;
using CloudMesh.Kubernetes.Webhook;
using CloudMesh.Proxy.Hosting;
using CloudMesh.Proxy.Xds.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CloudMesh.Kubernetes.Tests.Webhook;

/// <summary>
/// The webhook over HTTP with AdmissionReview v1 payloads shaped as kube-apiserver sends them; the returned JSON patch
/// is applied (RFC 6902) and the resulting pod checked, including that the proxy's own settings reader accepts its env.
/// </summary>
public sealed class PodMutationWebhookTests : IAsyncLifetime
{
    private const string Ns = "howto-k8s-http-headers";
    private const string Account = "111122223333";
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private List<JsonObject> _objects = null!;
    private Dictionary<string, Dictionary<string, string>> _namespaces = null!;
    private StaticObjectSource _source = null!;

    private static readonly SidecarInjectorOptions Options = new()
    {
        ProxyImage = "registry.example/cloudmesh/proxy:1.2.3",
        ProxyInitImage = "registry.example/cloudmesh/proxy-init:1.2.3",
        XdsEndpoint = "http://cloudmesh-controlplane.cloudmesh-system.svc:8081",
        Region = "us-west-2",
        XdsTokenSecretName = "cloudmesh-xds-token",
    };

    public async Task InitializeAsync()
    {
        // The colorapp example as the controller has it once reconciled: ARNs in status.
        _objects = ExampleManifests.Colorapp().ToList();
        foreach (var obj in _objects)
        {
            var kind = CloudMesh.Kubernetes.Controller.AppMeshCustomResource.Find(KubernetesObjects.String(obj["kind"])!)!;
            var awsName = CloudMesh.Manifests.Kubernetes.ClusterTranslator.AwsName(obj);
            obj["status"] = new JsonObject
            {
                [kind.ArnStatusMember] = kind.Type.Kind == "Mesh"
                    ? $"arn:aws:appmesh:us-west-2:{Account}:mesh/{awsName}"
                    : $"arn:aws:appmesh:us-west-2:{Account}:mesh/howto-k8s-http-headers/{char.ToLowerInvariant(kind.Type.Kind[0])}{kind.Type.Kind[1..]}/{awsName}",
            };
        }

        _namespaces = new()
        {
            [Ns] = new() { ["mesh"] = "howto-k8s-http-headers", ["gateway"] = "ingress-gw", [AppMeshAnnotations.SidecarInjectorWebhook] = "enabled" },
            ["plain"] = new() { ["mesh"] = "howto-k8s-http-headers" },
        };

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _source = new StaticObjectSource(_objects, _namespaces);
        builder.Services.AddSingleton(_ => new PodMutator(_source, Options));
        _app = builder.Build();
        _app.MapPodMutationWebhook();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A pod as a Deployment's ReplicaSet creates it (generateName, no name yet).</summary>
    private static JsonObject Pod(Dictionary<string, string> labels, Dictionary<string, string>? annotations = null, bool withInit = false)
    {
        var pod = JsonNode.Parse("""
            {
              "kind": "Pod",
              "apiVersion": "v1",
              "metadata": {
                "generateName": "front-7d9c5b7f6d-",
                "namespace": "howto-k8s-http-headers",
                "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "front-7d9c5b7f6d", "uid": "0f8e2c4a-1111-2222-3333-444455556666", "controller": true, "blockOwnerDeletion": true}]
              },
              "spec": {
                "containers": [{
                  "name": "app",
                  "image": "public.ecr.aws/example/colorapp:latest",
                  "ports": [{"containerPort": 8080, "protocol": "TCP"}],
                  "resources": {},
                  "terminationMessagePath": "/dev/termination-log",
                  "imagePullPolicy": "Always"
                }],
                "restartPolicy": "Always",
                "dnsPolicy": "ClusterFirst",
                "serviceAccountName": "default"
              },
              "status": {}
            }
            """)!.AsObject();
        pod["metadata"]!["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value))));
        if (annotations is not null)
        {
            pod["metadata"]!["annotations"] = new JsonObject(annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value))));
        }

        if (withInit)
        {
            pod["spec"]!["initContainers"] = new JsonArray(new JsonObject { ["name"] = "migrate", ["image"] = "busybox" });
        }

        return pod;
    }

    private static JsonObject Review(JsonObject pod, string ns = Ns, string operation = "CREATE") => new()
    {
        ["kind"] = "AdmissionReview",
        ["apiVersion"] = "admission.k8s.io/v1",
        ["request"] = new JsonObject
        {
            ["uid"] = "705ab4f5-6393-11e8-b7cc-42010a800002",
            ["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
            ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
            ["requestKind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
            ["requestResource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
            ["namespace"] = ns,
            ["operation"] = operation,
            ["userInfo"] = new JsonObject
            {
                ["username"] = "system:serviceaccount:kube-system:replicaset-controller",
                ["uid"] = "8a5f2c1e-aaaa-bbbb-cccc-ddddeeeeffff",
                ["groups"] = new JsonArray("system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"),
            },
            ["object"] = pod,
            ["oldObject"] = null,
            ["dryRun"] = false,
            ["options"] = new JsonObject { ["kind"] = "CreateOptions", ["apiVersion"] = "meta.k8s.io/v1" },
        },
    };

    /// <summary>Sends the review; returns the response and the pod with the patch (if any) applied.</summary>
    private async Task<(JsonObject Response, JsonObject Pod)> AdmitAsync(JsonObject review)
    {
        using var answer = await _http.PostAsync(PodMutationWebhook.Path, new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json"));
        answer.EnsureSuccessStatusCode();
        var body = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("admission.k8s.io/v1", body["apiVersion"]!.GetValue<string>());
        Assert.Equal("AdmissionReview", body["kind"]!.GetValue<string>());
        var response = body["response"]!.AsObject();
        Assert.Equal(review["request"]!["uid"]!.GetValue<string>(), response["uid"]!.GetValue<string>());
        var pod = review["request"]!["object"]!.AsObject();
        if (response["patch"] is { } patch)
        {
            Assert.Equal("JSONPatch", response["patchType"]!.GetValue<string>());
            var operations = JsonNode.Parse(Convert.FromBase64String(patch.GetValue<string>()))!.AsArray();
            pod = JsonPatch.Apply(pod, operations);
        }

        return (response, pod);
    }

    private static JsonObject Container(JsonObject pod, string name, string list = "containers") =>
        pod["spec"]![list]!.AsArray().OfType<JsonObject>().Single(c => c["name"]!.GetValue<string>() == name);

    private static Dictionary<string, string> Env(JsonObject container) =>
        container["env"]!.AsArray().OfType<JsonObject>().Where(e => e["value"] is not null)
            .ToDictionary(e => e["name"]!.GetValue<string>(), e => e["value"]!.GetValue<string>());

    [Fact]
    public async Task A_selected_pod_gets_the_proxy_and_the_iptables_init_container()
    {
        var (response, pod) = await AdmitAsync(Review(Pod(new() { ["app"] = "front" })));

        Assert.True(response["allowed"]!.GetValue<bool>());
        Assert.Equal(["app", "envoy"], pod["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));

        var init = Container(pod, "proxyinit", "initContainers");
        Assert.Equal(Options.ProxyInitImage, init["image"]!.GetValue<string>());
        Assert.Equal(["NET_ADMIN"], init["securityContext"]!["capabilities"]!["add"]!.AsArray().Select(c => c!.GetValue<string>()));
        var initEnv = Env(init);
        Assert.Equal("8080", initEnv["APPMESH_APP_PORTS"]); // the virtual node's listener ports
        Assert.Equal("1337", initEnv["APPMESH_IGNORE_UID"]);
        Assert.Equal("15000", initEnv["APPMESH_ENVOY_INGRESS_PORT"]);
        Assert.Equal("15001", initEnv["APPMESH_ENVOY_EGRESS_PORT"]);
        Assert.Equal("169.254.169.254,169.254.170.2", initEnv["APPMESH_EGRESS_IGNORED_IP"]);
        Assert.Equal("", initEnv["APPMESH_EGRESS_IGNORED_PORTS"]);

        var proxy = Container(pod, "envoy");
        Assert.Equal(Options.ProxyImage, proxy["image"]!.GetValue<string>());
        var env = Env(proxy);
        Assert.Equal($"arn:aws:appmesh:us-west-2:{Account}:mesh/howto-k8s-http-headers/virtualNode/front_{Ns}", env["APPMESH_RESOURCE_ARN"]);
        Assert.Equal(Options.XdsEndpoint, env["APPMESH_XDS_ENDPOINT"]);
        var token = proxy["env"]!.AsArray().OfType<JsonObject>().Single(e => e["name"]!.GetValue<string>() == "CLOUDMESH_XDS_TOKEN");
        Assert.Equal("cloudmesh-xds-token", token["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());
        Assert.Equal([9901, 15000, 15001], proxy["ports"]!.AsArray().Select(p => p!["containerPort"]!.GetValue<int>()));
        Assert.Equal("/ready", proxy["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal(9901, proxy["readinessProbe"]!["httpGet"]!["port"]!.GetValue<int>());
        Assert.Equal(1337, proxy["securityContext"]!["runAsUser"]!.GetValue<int>());
        Assert.Equal("10m", proxy["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        Assert.Equal("32Mi", proxy["resources"]!["requests"]!["memory"]!.GetValue<string>());
        Assert.Null(proxy["resources"]!["limits"]);

        var annotations = KubernetesObjects.Annotations(pod);
        Assert.Equal("howto-k8s-http-headers", annotations[AppMeshAnnotations.Mesh]);
        Assert.Equal($"front_{Ns}", annotations[AppMeshAnnotations.VirtualNode]);

        // The proxy reads exactly these variables: its own settings reader accepts the injected environment.
        var settings = ProxySettings.FromEnvironment(name => env.GetValueOrDefault(name));
        Assert.Equal(new Uri(Options.XdsEndpoint), settings.XdsEndpoint);
        Assert.Equal(9901, settings.AdminPort);
        Assert.Equal(env["APPMESH_RESOURCE_ARN"], XdsNodeFactory.FromEnvironment(name => env.GetValueOrDefault(name)).Id);
    }

    [Fact]
    public async Task App_mesh_annotations_tune_the_injection()
    {
        var annotations = new Dictionary<string, string>
        {
            [AppMeshAnnotations.Ports] = "9000,9001",
            [AppMeshAnnotations.EgressIgnoredIPs] = "10.0.0.0/8,192.168.1.1",
            [AppMeshAnnotations.EgressIgnoredPorts] = "22,5432",
            [AppMeshAnnotations.CpuRequest] = "250m",
            [AppMeshAnnotations.MemoryRequest] = "128Mi",
            [AppMeshAnnotations.CpuLimit] = "1",
            [AppMeshAnnotations.MemoryLimit] = "256Mi",
            ["example.com/team"] = "colors",
        };
        var (_, pod) = await AdmitAsync(Review(Pod(new() { ["app"] = "color", ["version"] = "blue" }, annotations, withInit: true)));

        // An existing init container stays first: the redirect is installed after it.
        Assert.Equal(["migrate", "proxyinit"], pod["spec"]!["initContainers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        var initEnv = Env(Container(pod, "proxyinit", "initContainers"));
        Assert.Equal("9000,9001", initEnv["APPMESH_APP_PORTS"]);
        Assert.Equal("10.0.0.0/8,192.168.1.1", initEnv["APPMESH_EGRESS_IGNORED_IP"]);
        Assert.Equal("22,5432", initEnv["APPMESH_EGRESS_IGNORED_PORTS"]);
        var proxy = Container(pod, "envoy");
        Assert.Equal("250m", proxy["resources"]!["requests"]!["cpu"]!.GetValue<string>());
        Assert.Equal("128Mi", proxy["resources"]!["requests"]!["memory"]!.GetValue<string>());
        Assert.Equal("1", proxy["resources"]!["limits"]!["cpu"]!.GetValue<string>());
        Assert.Equal("256Mi", proxy["resources"]!["limits"]!["memory"]!.GetValue<string>());
        Assert.EndsWith($"virtualNode/blue_{Ns}", Env(proxy)["APPMESH_RESOURCE_ARN"]);
        var result = KubernetesObjects.Annotations(pod);
        Assert.Equal("colors", result["example.com/team"]);
        Assert.Equal($"blue_{Ns}", result[AppMeshAnnotations.VirtualNode]);
    }

    [Fact]
    public async Task The_pod_annotation_opts_out_of_an_enabled_namespace()
    {
        var (response, pod) = await AdmitAsync(Review(Pod(new() { ["app"] = "front" },
            new() { [AppMeshAnnotations.SidecarInjectorWebhook] = "disabled" })));

        Assert.True(response["allowed"]!.GetValue<bool>());
        Assert.Null(response["patch"]);
        Assert.Single(pod["spec"]!["containers"]!.AsArray());
    }

    [Fact]
    public async Task The_pod_annotation_opts_in_where_the_namespace_is_not_enabled()
    {
        _objects.Add(JsonNode.Parse("""
            {"apiVersion": "appmesh.k8s.aws/v1beta2", "kind": "VirtualNode",
             "metadata": {"name": "worker", "namespace": "plain"},
             "spec": {"podSelector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["worker", "batch"]}]},
                      "listeners": [{"portMapping": {"port": 7000, "protocol": "tcp"}}]}}
            """)!.AsObject());

        var (notEnabled, _) = await AdmitAsync(Review(Pod(new() { ["app"] = "worker" }), "plain"));
        var (enabled, pod) = await AdmitAsync(Review(Pod(new() { ["app"] = "worker" },
            new() { [AppMeshAnnotations.SidecarInjectorWebhook] = "enabled" }), "plain"));

        Assert.Null(notEnabled["patch"]);
        Assert.NotNull(enabled["patch"]);
        var env = Env(Container(pod, "envoy"));
        // Not reconciled yet (no ARN in status): the legacy node name, which the proxy accepts as well.
        Assert.False(env.ContainsKey("APPMESH_RESOURCE_ARN"));
        Assert.Equal("mesh/howto-k8s-http-headers/virtualNode/worker_plain", env["APPMESH_VIRTUAL_NODE_NAME"]);
        Assert.Equal("mesh/howto-k8s-http-headers/virtualNode/worker_plain", XdsNodeFactory.FromEnvironment(n => env.GetValueOrDefault(n)).Id);
        Assert.Equal("7000", Env(Container(pod, "proxyinit", "initContainers"))["APPMESH_APP_PORTS"]);
    }

    [Fact]
    public async Task A_pod_no_virtual_node_selects_is_allowed_unchanged()
    {
        var (response, pod) = await AdmitAsync(Review(Pod(new() { ["app"] = "unknown" })));

        Assert.True(response["allowed"]!.GetValue<bool>());
        Assert.Null(response["patch"]);
        Assert.Null(pod["spec"]!["initContainers"]);
    }

    [Fact]
    public async Task Updates_are_not_mutated()
    {
        var (response, _) = await AdmitAsync(Review(Pod(new() { ["app"] = "front" }), operation: "UPDATE"));
        Assert.True(response["allowed"]!.GetValue<bool>());
        Assert.Null(response["patch"]);
    }

    [Fact]
    public async Task A_pod_two_virtual_nodes_select_is_denied()
    {
        _objects.Add(JsonNode.Parse("""
            {"apiVersion": "appmesh.k8s.aws/v1beta2", "kind": "VirtualNode",
             "metadata": {"name": "front-copy", "namespace": "howto-k8s-http-headers"},
             "spec": {"podSelector": {"matchLabels": {"app": "front"}}}}
            """)!.AsObject());

        var (response, _) = await AdmitAsync(Review(Pod(new() { ["app"] = "front" })));

        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.Contains("multiple matching virtualNodes", response["status"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_gateway_pod_gets_the_proxy_as_the_gateway_without_a_redirect()
    {
        var (_, pod) = await AdmitAsync(Review(Pod(new() { ["app"] = "ingress-gw" })));

        Assert.Null(pod["spec"]!["initContainers"]);
        var env = Env(Container(pod, "envoy"));
        Assert.EndsWith($"virtualGateway/ingress-gw_{Ns}", env["APPMESH_RESOURCE_ARN"]);
        Assert.Equal($"ingress-gw_{Ns}", KubernetesObjects.Annotations(pod)[AppMeshAnnotations.VirtualGateway]);
    }

    [Fact]
    public async Task An_already_injected_pod_is_left_alone()
    {
        var (_, once) = await AdmitAsync(Review(Pod(new() { ["app"] = "front" })));
        var (response, twice) = await AdmitAsync(Review(once));

        Assert.Null(response["patch"]);
        Assert.Equal(2, twice["spec"]!["containers"]!.AsArray().Count);
    }

    [Fact]
    public async Task Before_the_caches_sync_the_webhook_answers_503_so_the_failure_policy_applies()
    {
        _source.Ready = false;
        using var answer = await _http.PostAsync(PodMutationWebhook.Path,
            new StringContent(Review(Pod(new() { ["app"] = "front" })).ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_an_admission_review_is_a_400()
    {
        using var answer = await _http.PostAsync(PodMutationWebhook.Path, new StringContent("{\"kind\":\"Pod\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }
}
