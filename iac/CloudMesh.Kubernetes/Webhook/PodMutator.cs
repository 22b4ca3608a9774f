using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Controller;
using CloudMesh.Manifests.Kubernetes;

namespace CloudMesh.Kubernetes.Webhook;

/// <summary>
/// Decides, as App Mesh's sidecar injector does, whether and how a pod joins the mesh, and writes the JSON patch that
/// injects the CloudMesh proxy (container <c>envoy</c>) and the iptables init container (<c>proxyinit</c>):
/// <list type="number">
/// <item>only pod creation is mutated;</item>
/// <item>the pod annotation <c>appmesh.k8s.aws/sidecarInjectorWebhook</c> (<c>enabled</c>/<c>disabled</c>) wins, else
/// the namespace label of the same name must be <c>enabled</c>;</item>
/// <item>a pod that already has an <c>envoy</c> container is left alone;</item>
/// <item>the Mesh whose namespaceSelector selects the namespace is the pod's mesh (none: unchanged; several: denied);</item>
/// <item>the VirtualNode of that mesh in the pod's namespace whose podSelector selects the pod is its identity (several:
/// denied); failing that a VirtualGateway's podSelector (a gateway gets the proxy but no redirect); none: unchanged.</item>
/// </list>
/// The <c>appmesh.k8s.aws/*</c> annotations of <see cref="AppMeshAnnotations"/> tune the result. Pure apart from reading
/// <see cref="IAppMeshObjectSource"/>; thread-safe.
/// </summary>
public sealed class PodMutator(IAppMeshObjectSource source, SidecarInjectorOptions options)
{
    /// <summary>The injected proxy container's name (App Mesh's, which scripts and dashboards use).</summary>
    public const string ProxyContainerName = "envoy";

    /// <summary>The injected init container's name (App Mesh's).</summary>
    public const string InitContainerName = "proxyinit";

    /// <summary>Whether the cluster view is complete enough to answer (<see cref="IAppMeshObjectSource.Ready"/>).</summary>
    public bool Ready => source.Ready;

    /// <summary>Answers an AdmissionReview v1 request with an AdmissionReview v1 response.</summary>
    /// <exception cref="ArgumentException">The body is not an AdmissionReview with a request.</exception>
    public JsonObject Review(JsonObject review)
    {
        ArgumentNullException.ThrowIfNull(review);
        if (review["request"] is not JsonObject request)
        {
            throw new ArgumentException("Not an AdmissionReview request: 'request' is missing.", nameof(review));
        }

        var mutation = KubernetesObjects.String(request["operation"]) != "CREATE" || request["object"] is not JsonObject pod
            ? PodMutation.Unchanged("not a pod creation")
            : Mutate(pod, KubernetesObjects.String(request["namespace"]) ?? KubernetesObjects.Namespace(pod) ?? "default");
        var response = AdmissionReviews.Allowed(request, mutation.Denied is null ? mutation.Patch : null);
        if (mutation.Denied is { } denied)
        {
            response["allowed"] = false;
            response["status"] = new JsonObject { ["code"] = 403, ["reason"] = "Forbidden", ["message"] = denied };
        }

        return AdmissionReviews.Wrap(review, response);
    }

    /// <summary>The decision for <paramref name="pod"/>, created in namespace <paramref name="ns"/>.</summary>
    public PodMutation Mutate(JsonObject pod, string ns)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var annotations = KubernetesObjects.Annotations(pod);
        var namespaceLabels = source.NamespaceLabels(ns);
        var wanted = annotations.GetValueOrDefault(AppMeshAnnotations.SidecarInjectorWebhook)
                     ?? namespaceLabels.GetValueOrDefault(AppMeshAnnotations.SidecarInjectorWebhook);
        if (!string.Equals(wanted, "enabled", StringComparison.OrdinalIgnoreCase))
        {
            return PodMutation.Unchanged($"injection not enabled ({AppMeshAnnotations.SidecarInjectorWebhook}: {wanted ?? "unset"})");
        }

        var containers = pod["spec"]?["containers"] as JsonArray ?? [];
        if (containers.OfType<JsonObject>().Any(c => KubernetesObjects.String(c["name"]) == ProxyContainerName))
        {
            return PodMutation.Unchanged($"already has a '{ProxyContainerName}' container");
        }

        var meshes = Membership.MeshesSelecting(source, ns);
        if (meshes.Count == 0)
        {
            return PodMutation.Unchanged($"no mesh selects namespace {ns}");
        }

        if (meshes.Count > 1)
        {
            return PodMutation.Deny($"found multiple matching meshes for namespace {ns}: {string.Join(", ", meshes.Select(KubernetesObjects.Name).Order(StringComparer.Ordinal))}");
        }

        var mesh = meshes[0];
        var meshName = KubernetesObjects.Name(mesh);
        var podLabels = KubernetesObjects.Labels(pod);
        var nodes = Members(AppMeshCustomResource.VirtualNode, ns, meshName, podLabels);
        if (nodes.Count > 1)
        {
            return PodMutation.Deny($"found multiple matching virtualNodes for pod: {string.Join(", ", nodes.Select(KubernetesObjects.Name).Order(StringComparer.Ordinal))}");
        }

        if (nodes.Count == 1)
        {
            return Inject(pod, annotations, mesh, nodes[0], AppMeshCustomResource.VirtualNode);
        }

        var gateways = Members(AppMeshCustomResource.VirtualGateway, ns, meshName, podLabels);
        return gateways.Count switch
        {
            0 => PodMutation.Unchanged($"no virtualNode or virtualGateway in {ns} selects the pod"),
            1 => Inject(pod, annotations, mesh, gateways[0], AppMeshCustomResource.VirtualGateway),
            _ => PodMutation.Deny($"found multiple matching virtualGateways for pod: {string.Join(", ", gateways.Select(KubernetesObjects.Name).Order(StringComparer.Ordinal))}"),
        };
    }

    /// <summary>The objects of <paramref name="kind"/> in <paramref name="ns"/> of the mesh whose podSelector selects the pod.</summary>
    private List<JsonObject> Members(AppMeshCustomResource kind, string ns, string mesh, IReadOnlyDictionary<string, string> podLabels) =>
        source.Items(kind)
            .Where(o => KubernetesObjects.Namespace(o) == ns
                        && (KubernetesObjects.String(o["spec"]?["meshRef"]?["name"]) ?? mesh) == mesh
                        && LabelSelector.Matches(o["spec"]?["podSelector"], podLabels))
            .ToList();

    private PodMutation Inject(JsonObject pod, IReadOnlyDictionary<string, string> annotations, JsonObject mesh, JsonObject member, AppMeshCustomResource kind)
    {
        var meshAwsName = ClusterTranslator.AwsName(mesh);
        var memberAwsName = ClusterTranslator.AwsName(member);
        var uid = annotations.TryGetValue(AppMeshAnnotations.IgnoredUid, out var uidText) && int.TryParse(uidText, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : options.ProxyUid;
        var patch = new JsonArray();
        var gateway = kind == AppMeshCustomResource.VirtualGateway;

        // A gateway receives traffic on its own listeners: no redirect. With the App Mesh CNI, the CNI redirects.
        if (!gateway && !string.Equals(annotations.GetValueOrDefault(AppMeshAnnotations.AppMeshCni), "enabled", StringComparison.OrdinalIgnoreCase))
        {
            var appPorts = annotations.GetValueOrDefault(AppMeshAnnotations.Ports) ?? ListenerPorts(member);
            var init = InitContainer(appPorts, annotations, uid);
            if (pod["spec"]?["initContainers"] is JsonArray { Count: > 0 })
            {
                patch.Add(Op("add", "/spec/initContainers/-", init));
            }
            else
            {
                patch.Add(Op("add", "/spec/initContainers", new JsonArray(init)));
            }
        }

        var identity = KubernetesObjects.String(member["status"]?[kind.ArnStatusMember]) is { } arn
            ? ("APPMESH_RESOURCE_ARN", arn)
            // Not active yet: the legacy node name, which the proxy accepts too and which needs no account id.
            : ("APPMESH_VIRTUAL_NODE_NAME", $"mesh/{meshAwsName}/{(gateway ? "virtualGateway" : "virtualNode")}/{memberAwsName}");
        patch.Add(Op("add", "/spec/containers/-", ProxyContainer(identity, annotations, uid)));

        var added = new JsonObject
        {
            [AppMeshAnnotations.Mesh] = meshAwsName,
            [gateway ? AppMeshAnnotations.VirtualGateway : AppMeshAnnotations.VirtualNode] = memberAwsName,
        };
        if (pod["metadata"]?["annotations"] is JsonObject)
        {
            foreach (var (key, value) in added)
            {
                patch.Add(Op(annotations.ContainsKey(key) ? "replace" : "add", "/metadata/annotations/" + Escape(key), value!.DeepClone()));
            }
        }
        else
        {
            patch.Add(Op("add", "/metadata/annotations", added));
        }

        return new PodMutation(patch, null, $"injected as {kind.Type.Kind} {memberAwsName} of mesh {meshAwsName}");
    }

    private JsonObject InitContainer(string appPorts, IReadOnlyDictionary<string, string> annotations, int uid) => new()
    {
        ["name"] = InitContainerName,
        ["image"] = options.ProxyInitImage,
        ["securityContext"] = new JsonObject
        {
            ["capabilities"] = new JsonObject { ["add"] = new JsonArray("NET_ADMIN") },
        },
        ["env"] = Env(
            ("APPMESH_START_ENABLED", "1"),
            ("APPMESH_IGNORE_UID", uid.ToString(CultureInfo.InvariantCulture)),
            ("APPMESH_ENVOY_INGRESS_PORT", "15000"),
            ("APPMESH_ENVOY_EGRESS_PORT", "15001"),
            ("APPMESH_APP_PORTS", appPorts),
            ("APPMESH_EGRESS_IGNORED_IP", annotations.GetValueOrDefault(AppMeshAnnotations.EgressIgnoredIPs) ?? options.EgressIgnoredIPs),
            ("APPMESH_EGRESS_IGNORED_PORTS", annotations.GetValueOrDefault(AppMeshAnnotations.EgressIgnoredPorts) ?? options.EgressIgnoredPorts)),
        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "10m", ["memory"] = "32Mi" } },
    };

    private JsonObject ProxyContainer((string Name, string Value) identity, IReadOnlyDictionary<string, string> annotations, int uid)
    {
        var env = Env(
            identity,
            ("APPMESH_XDS_ENDPOINT", options.XdsEndpoint),
            ("AWS_REGION", options.Region),
            ("ENVOY_LOG_LEVEL", options.LogLevel),
            ("ENVOY_ADMIN_ACCESS_PORT", "9901"));
        if (options.XdsTokenSecretName is { } secret)
        {
            env.Add(new JsonObject
            {
                ["name"] = "CLOUDMESH_XDS_TOKEN",
                ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = secret, ["key"] = options.XdsTokenSecretKey } },
            });
        }

        var resources = new JsonObject
        {
            ["requests"] = new JsonObject
            {
                ["cpu"] = annotations.GetValueOrDefault(AppMeshAnnotations.CpuRequest) ?? options.CpuRequest,
                ["memory"] = annotations.GetValueOrDefault(AppMeshAnnotations.MemoryRequest) ?? options.MemoryRequest,
            },
        };
        var limits = new JsonObject();
        if (annotations.GetValueOrDefault(AppMeshAnnotations.CpuLimit) is { } cpuLimit)
        {
            limits["cpu"] = cpuLimit;
        }

        if (annotations.GetValueOrDefault(AppMeshAnnotations.MemoryLimit) is { } memoryLimit)
        {
            limits["memory"] = memoryLimit;
        }

        if (limits.Count > 0)
        {
            resources["limits"] = limits;
        }

        return new JsonObject
        {
            ["name"] = ProxyContainerName,
            ["image"] = options.ProxyImage,
            ["env"] = env,
            ["ports"] = new JsonArray(
                Port("stats", 9901),
                Port("proxy-ingress", 15000),
                Port("proxy-egress", 15001)),
            ["readinessProbe"] = new JsonObject
            {
                ["httpGet"] = new JsonObject { ["path"] = "/ready", ["port"] = 9901 },
                ["initialDelaySeconds"] = 1,
                ["periodSeconds"] = 10,
            },
            ["securityContext"] = new JsonObject { ["runAsUser"] = uid },
            ["resources"] = resources,
        };
    }

    /// <summary>The virtual node's listener ports, comma-separated (App Mesh's default for APPMESH_APP_PORTS).</summary>
    private static string ListenerPorts(JsonObject node) =>
        string.Join(",", (node["spec"]?["listeners"] as JsonArray ?? [])
            .Select(l => l?["portMapping"]?["port"]?.ToJsonString())
            .OfType<string>()
            .Distinct(StringComparer.Ordinal));

    private static JsonArray Env(params (string Name, string Value)[] variables) =>
        new(variables.Select(v => (JsonNode)new JsonObject { ["name"] = v.Name, ["value"] = v.Value }).ToArray());

    private static JsonObject Port(string name, int port) => new() { ["name"] = name, ["containerPort"] = port, ["protocol"] = "TCP" };

    private static JsonObject Op(string op, string path, JsonNode value) => new() { ["op"] = op, ["path"] = path, ["value"] = value };

    /// <summary>Escapes a member name for a JSON pointer (RFC 6901): <c>~</c> as <c>~0</c>, <c>/</c> as <c>~1</c>.</summary>
    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
