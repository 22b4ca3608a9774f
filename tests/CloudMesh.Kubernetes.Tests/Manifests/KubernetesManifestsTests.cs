using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudMesh.Kubernetes.Controller;
using CloudMesh.Kubernetes.Tests.Fakes;
using CloudMesh.TestSupport;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace CloudMesh.Kubernetes.Tests.Manifests;

/// <summary>
/// iac/kubernetes: the generated CRDs are current and accept App Mesh's example manifests (strict field validation,
/// as the API server would apply them), and every file of the Helm chart parses. No helm binary exists here, so the
/// templates are checked statically: balanced actions and blocks, and every .Values path they use exists.
/// </summary>
public sealed partial class KubernetesManifestsTests
{
    private static readonly string Crds = RepoPaths.Combine("iac", "kubernetes", "crds");
    private static readonly string Chart = RepoPaths.Combine("iac", "kubernetes", "helm", "cloudmesh");

    private static JsonObject Crd(string plural) =>
        ExampleManifestYaml.ReadJson(Path.Combine(Crds, $"appmesh.k8s.aws_{plural}.yaml")).Single();

    private static JsonObject SchemaOf(JsonObject crd) =>
        crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();

    [Fact]
    public async Task The_crds_are_generated_from_the_current_service_model()
    {
        var result = await ProcessRunner.RunToEndAsync(new ProcessStartInfo("python3", ["tools/kubernetes/generate_crds.py", "--check"])
        {
            WorkingDirectory = RepoPaths.Root,
        }, TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void There_is_one_crd_per_kind_with_the_app_mesh_controllers_shape()
    {
        foreach (var kind in AppMeshCustomResource.All)
        {
            var crd = Crd(kind.Type.Plural);
            Assert.Equal("apiextensions.k8s.io/v1", crd["apiVersion"]!.GetValue<string>());
            Assert.Equal("CustomResourceDefinition", crd["kind"]!.GetValue<string>());
            Assert.Equal($"{kind.Type.Plural}.appmesh.k8s.aws", crd["metadata"]!["name"]!.GetValue<string>());
            var spec = crd["spec"]!;
            Assert.Equal("appmesh.k8s.aws", spec["group"]!.GetValue<string>());
            Assert.Equal(kind.Type.Kind, spec["names"]!["kind"]!.GetValue<string>());
            Assert.Equal(kind.Type.Namespaced ? "Namespaced" : "Cluster", spec["scope"]!.GetValue<string>());
            var version = spec["versions"]!.AsArray().Single()!;
            Assert.Equal("v1beta2", version["name"]!.GetValue<string>());
            Assert.True(version["served"]!.GetValue<bool>() && version["storage"]!.GetValue<bool>());
            Assert.NotNull(version["subresources"]!["status"]);
            var status = SchemaOf(crd)["properties"]!["status"]!["properties"]!.AsObject();
            Assert.True(status.ContainsKey(kind.ArnStatusMember), $"{kind.Type.Kind} status has {kind.ArnStatusMember}");
            Assert.True(status.ContainsKey("conditions") && status.ContainsKey("observedGeneration"));

            // The chart installs the same files.
            Assert.Equal(File.ReadAllText(Path.Combine(Crds, $"appmesh.k8s.aws_{kind.Type.Plural}.yaml")),
                File.ReadAllText(Path.Combine(Chart, "crds", $"appmesh.k8s.aws_{kind.Type.Plural}.yaml")));
        }
    }

    [Fact]
    public void App_mesh_example_manifests_validate_against_the_crds()
    {
        var objects = ExampleManifests.Colorapp();
        Assert.Equal(9, objects.Count);
        foreach (var obj in objects)
        {
            var kind = AppMeshCustomResource.Find(obj["kind"]!.GetValue<string>())!;
            Assert.Equal("appmesh.k8s.aws/v1beta2", obj["apiVersion"]!.GetValue<string>());
            var errors = StructuralSchemaValidator.Validate(obj, SchemaOf(Crd(kind.Type.Plural)));
            Assert.True(errors.Count == 0, $"{kind.Type.Kind} {obj["metadata"]!["name"]}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public void Manifests_using_the_wider_app_mesh_surface_validate_and_translate()
    {
        var objects = ExampleManifests.Read("features.k8s.yaml");
        Assert.Equal(10, objects.Count);
        foreach (var obj in objects)
        {
            var kind = AppMeshCustomResource.Find(obj["kind"]!.GetValue<string>())!;
            var errors = StructuralSchemaValidator.Validate(obj, SchemaOf(Crd(kind.Type.Plural)));
            Assert.True(errors.Count == 0, $"{kind.Type.Kind} {obj["metadata"]!["name"]}: {string.Join("; ", errors)}");

            // What the CRD accepts, the shared translation turns into specs the App Mesh model accepts.
            var target = (JsonObject)obj.DeepClone();
            if (kind != AppMeshCustomResource.Mesh)
            {
                target["spec"]!["meshRef"] ??= new JsonObject { ["name"] = "features" };
            }

            if (kind == AppMeshCustomResource.GatewayRoute)
            {
                target["spec"]!["virtualGatewayRef"] ??= new JsonObject { ["name"] = "edge" };
            }

            var translation = CloudMesh.Manifests.Kubernetes.ClusterTranslator.Translate(target, objects);
            Assert.True(translation.Errors.Count == 0, $"{kind.Type.Kind} {obj["metadata"]!["name"]}: {string.Join("; ", translation.Errors.Select(e => e.Message))}");
            Assert.NotEmpty(translation.Resources);
        }
    }

    [Fact]
    public void The_crds_reject_what_the_api_server_would()
    {
        var node = ExampleManifests.Colorapp().First(o => o["kind"]!.GetValue<string>() == "VirtualNode");
        var schema = SchemaOf(Crd("virtualnodes"));
        node["spec"]!["listeners"]![0]!["portMapping"]!["port"] = 70000;
        node["spec"]!["listeners"]![0]!["portMapping"]!["protocol"] = "udp";
        node["spec"]!["listnrs"] = new JsonArray();
        node["spec"]!["backends"]![0]!["virtualService"]!["virtualServiceName"] = "color"; // the API's spelling, not the CRD's

        var errors = StructuralSchemaValidator.Validate(node, schema);

        Assert.Contains("spec.listeners[0].portMapping.port: 70000 is greater than 65535", errors);
        Assert.Contains(errors, e => e.StartsWith("spec.listeners[0].portMapping.protocol: 'udp' is not one of", StringComparison.Ordinal));
        Assert.Contains("spec.listnrs: unknown field", errors);
        Assert.Contains("spec.backends[0].virtualService.virtualServiceName: unknown field", errors);
    }

    [Fact]
    public void Every_chart_file_parses_and_templates_are_balanced()
    {
        var chart = ExampleManifestYaml.ReadJson(Path.Combine(Chart, "Chart.yaml")).Single();
        Assert.Equal("v2", chart["apiVersion"]!.GetValue<string>());
        Assert.Equal("cloudmesh", chart["name"]!.GetValue<string>());
        var values = ExampleManifestYaml.ReadJson(Path.Combine(Chart, "values.yaml")).Single();

        var templates = Directory.GetFiles(Path.Combine(Chart, "templates"));
        Assert.Contains(templates, t => t.EndsWith("webhook.yaml", StringComparison.Ordinal));
        foreach (var template in templates)
        {
            var text = File.ReadAllText(template);
            var name = Path.GetFileName(template);
            var actions = Action().Matches(text).Select(m => m.Groups[1].Value.Trim()).ToList();
            Assert.Equal(Regex.Matches(text, @"\{\{").Count, actions.Count);
            Assert.Equal(Regex.Matches(text, @"\}\}").Count, actions.Count);
            var depth = 0;
            foreach (var action in actions.Where(a => !a.StartsWith("/*", StringComparison.Ordinal)))
            {
                if (Regex.IsMatch(action, @"^(if|with|range|define)\b"))
                {
                    depth++;
                }
                else if (action == "end")
                {
                    depth--;
                    Assert.True(depth >= 0, $"{name}: 'end' without a block");
                }
            }

            Assert.True(depth == 0, $"{name}: {depth} block(s) not ended");
            foreach (Match use in ValuesPath().Matches(text))
            {
                JsonNode? node = values;
                foreach (var part in use.Groups[1].Value.Split('.'))
                {
                    Assert.True(node is JsonObject obj && obj.ContainsKey(part), $"{name}: .Values.{use.Groups[1].Value} is not in values.yaml");
                    node = node![part];
                }
            }

            // Its first branches, without control lines and with values standing in for other actions, are YAML.
            var skeleton = Action().Replace(FirstBranches(text), "x");
            foreach (var document in skeleton.Split("\n---"))
            {
                if (name.EndsWith(".yaml", StringComparison.Ordinal))
                {
                    var stream = new YamlStream();
                    stream.Load(new StringReader(document));
                }
            }
        }
    }

    [Fact]
    public void The_webhook_configuration_targets_the_endpoint_and_the_rbac_covers_the_controller()
    {
        var webhook = File.ReadAllText(Path.Combine(Chart, "templates", "webhook.yaml"));
        Assert.Contains("path: /mutate-v1-pod", webhook);
        Assert.Contains("admissionReviewVersions: [\"v1\"]", webhook);
        Assert.Contains("resources: [\"pods\"]", webhook);
        Assert.Contains("path: /mutate-appmesh-k8s-aws-v1beta2-{{ $kind }}", webhook);
        var rbac = File.ReadAllText(Path.Combine(Chart, "templates", "controller-rbac.yaml"));
        foreach (var kind in AppMeshCustomResource.All)
        {
            Assert.Contains(kind.Type.Plural + "/status", rbac);
        }

        Assert.Contains("resources: [namespaces]", rbac);
        Assert.Contains("resources: [leases]", rbac);
    }

    /// <summary>The template's lines outside else-branches, without the lines that only hold actions.</summary>
    private static string FirstBranches(string text)
    {
        var kept = new List<string>();
        var skipping = new Stack<bool>();
        foreach (var line in text.Split('\n'))
        {
            if (!ControlLine().IsMatch(line + "\n"))
            {
                if (!skipping.Contains(true))
                {
                    kept.Add(line);
                }

                continue;
            }

            foreach (var action in Action().Matches(line).Select(m => m.Groups[1].Value.Trim()))
            {
                if (Regex.IsMatch(action, @"^(if|with|range|define)\b"))
                {
                    skipping.Push(false);
                }
                else if (action.StartsWith("else", StringComparison.Ordinal) && skipping.Count > 0)
                {
                    skipping.Pop();
                    skipping.Push(true);
                }
                else if (action == "end" && skipping.Count > 0)
                {
                    skipping.Pop();
                }
            }
        }

        return string.Join('\n', kept);
    }

    [GeneratedRegex(@"\{\{-?(.*?)-?\}\}", RegexOptions.Singleline)]
    private static partial Regex Action();

    [GeneratedRegex(@"^[ \t]*(\{\{.*?\}\}[ \t]*)+\r?\n", RegexOptions.Multiline)]
    private static partial Regex ControlLine();

    [GeneratedRegex(@"\.Values\.([A-Za-z0-9_.]+[A-Za-z0-9_])")]
    private static partial Regex ValuesPath();
}
