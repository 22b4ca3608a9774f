using System.Text;
using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Controller;
using CloudMesh.Kubernetes.Tests.Fakes;
using CloudMesh.Kubernetes.Webhook;
using Xunit;

namespace CloudMesh.Kubernetes.Tests.Webhook;

/// <summary>App Mesh's custom resource mutators: awsName defaulted, meshRef and virtualGatewayRef designated at creation.</summary>
public sealed class CustomResourceMutatorTests
{
    private const string Ns = "howto-k8s-http-headers";

    private static (CustomResourceMutator Mutator, List<JsonObject> Objects) Create()
    {
        var objects = ExampleManifests.Colorapp().ToList();
        foreach (var obj in objects)
        {
            obj["metadata"]!["uid"] = $"uid-{KubernetesObjects.Name(obj)}";
        }

        var namespaces = new Dictionary<string, Dictionary<string, string>>
        {
            [Ns] = new() { ["mesh"] = "howto-k8s-http-headers", ["gateway"] = "ingress-gw" },
        };
        return (new CustomResourceMutator(new StaticObjectSource(objects, namespaces)), objects);
    }

    private static JsonObject Admit(CustomResourceMutator mutator, AppMeshCustomResource kind, JsonObject obj, string ns = Ns)
    {
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = "d2f2ab35-0000-4000-8000-000000000001",
                ["kind"] = new JsonObject { ["group"] = "appmesh.k8s.aws", ["version"] = "v1beta2", ["kind"] = kind.Type.Kind },
                ["resource"] = new JsonObject { ["group"] = "appmesh.k8s.aws", ["version"] = "v1beta2", ["resource"] = kind.Type.Plural },
                ["namespace"] = kind.Type.Namespaced ? ns : null,
                ["operation"] = "CREATE",
                ["object"] = obj.DeepClone(),
            },
        };
        var response = mutator.Review(review, kind)["response"]!;
        Assert.True(response["allowed"]!.GetValue<bool>());
        return response["patch"] is { } patch
            ? JsonPatch.Apply(obj, JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(patch.GetValue<string>())))!.AsArray())
            : obj;
    }

    private static JsonObject Find(List<JsonObject> objects, string kind, string name) =>
        (JsonObject)objects.First(o => KubernetesObjects.String(o["kind"]) == kind && KubernetesObjects.Name(o) == name).DeepClone();

    [Fact]
    public void A_virtual_node_gets_its_aws_name_and_mesh()
    {
        var (mutator, objects) = Create();
        var node = Admit(mutator, AppMeshCustomResource.VirtualNode, Find(objects, "VirtualNode", "front"));

        Assert.Equal($"front_{Ns}", node["spec"]!["awsName"]!.GetValue<string>());
        Assert.Equal("howto-k8s-http-headers", node["spec"]!["meshRef"]!["name"]!.GetValue<string>());
        Assert.Equal("uid-howto-k8s-http-headers", node["spec"]!["meshRef"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public void What_the_author_wrote_is_kept()
    {
        var (mutator, objects) = Create();
        var red = Find(objects, "VirtualNode", "red");
        var service = Find(objects, "VirtualService", "color");

        Assert.True(JsonNode.DeepEquals(red, Admit(mutator, AppMeshCustomResource.VirtualNode, red))); // awsName and meshRef given
        Assert.Equal("color.howto-k8s-http-headers.svc.cluster.local",
            Admit(mutator, AppMeshCustomResource.VirtualService, service)["spec"]!["awsName"]!.GetValue<string>());
        Assert.Equal($"front.{Ns}", Admit(mutator, AppMeshCustomResource.VirtualService, Find(objects, "VirtualService", "front"))["spec"]!["awsName"]!.GetValue<string>());
    }

    [Fact]
    public void A_gateway_route_gets_its_gateway_and_a_mesh_its_name()
    {
        var (mutator, objects) = Create();
        var route = Admit(mutator, AppMeshCustomResource.GatewayRoute, Find(objects, "GatewayRoute", "gateway-route-color"));
        var mesh = Admit(mutator, AppMeshCustomResource.Mesh, Find(objects, "Mesh", "howto-k8s-http-headers"), ns: "");

        Assert.Equal("ingress-gw", route["spec"]!["virtualGatewayRef"]!["name"]!.GetValue<string>());
        Assert.Equal(Ns, route["spec"]!["virtualGatewayRef"]!["namespace"]!.GetValue<string>());
        Assert.Equal("howto-k8s-http-headers", mesh["spec"]!["awsName"]!.GetValue<string>());
        Assert.Null(mesh["spec"]!["meshRef"]);
    }

    [Fact]
    public void An_unresolved_membership_is_admitted_for_the_controller_to_designate_later()
    {
        var (mutator, objects) = Create();
        var node = Find(objects, "VirtualNode", "front");
        node["metadata"]!["namespace"] = "elsewhere";

        var admitted = Admit(mutator, AppMeshCustomResource.VirtualNode, node, ns: "elsewhere");

        Assert.Equal("front_elsewhere", admitted["spec"]!["awsName"]!.GetValue<string>());
        Assert.Null(admitted["spec"]!["meshRef"]);
    }

    [Fact]
    public void The_paths_are_app_mesh_s()
    {
        Assert.Equal("/mutate-appmesh-k8s-aws-v1beta2-virtualnode", CustomResourceMutator.PathOf(AppMeshCustomResource.VirtualNode));
        Assert.Equal("/mutate-appmesh-k8s-aws-v1beta2-mesh", CustomResourceMutator.PathOf(AppMeshCustomResource.Mesh));
    }
}
