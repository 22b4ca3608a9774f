using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Tests.Fakes;
using CloudMesh.Manifests.Kubernetes;
using Xunit;

namespace CloudMesh.Kubernetes.Tests.Manifests;

/// <summary>The shared translation as the controller uses it: one live object against the cluster's others.</summary>
public sealed class ClusterTranslatorTests
{
    private static readonly IReadOnlyList<JsonObject> Cluster = ExampleManifests.Colorapp();

    private static JsonObject Find(string kind, string name) =>
        Cluster.First(o => KubernetesObjects.String(o["kind"]) == kind && KubernetesObjects.Name(o) == name);

    [Fact]
    public void A_router_translates_to_itself_and_its_routes_with_references_resolved()
    {
        var router = (JsonObject)Find("VirtualRouter", "color").DeepClone();
        router["spec"]!["meshRef"] = new JsonObject { ["name"] = "howto-k8s-http-headers" };
        router["status"] = new JsonObject { ["virtualRouterARN"] = "ignored" };

        var result = ClusterTranslator.Translate(router, Cluster);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Missing);
        Assert.Equal(
            ["virtualRouter color_howto-k8s-http-headers", "route color-route-blue", "route color-route-red"],
            result.Resources.Select(r => $"{r.Id.Kind.Name} {r.Id.Name}"));
        var blue = result.Resources[1];
        Assert.Equal(new ResourceKey(ResourceKinds.Route, "howto-k8s-http-headers", "color_howto-k8s-http-headers", "color-route-blue"), blue.Id);
        Assert.Equal("blue_howto-k8s-http-headers", blue.Spec["httpRoute"]!["action"]!["weightedTargets"]![0]!["virtualNode"]!.GetValue<string>());
        Assert.Contains(new ClusterDependency("Mesh", "default", "howto-k8s-http-headers", "meshRef"), result.Dependencies);
        Assert.Contains(new ClusterDependency("VirtualNode", "howto-k8s-http-headers", "blue", "virtualNodeRef"), result.Dependencies);
        Assert.Null(router["spec"]!["routes"]![0]!["httpRoute"]!["action"]!["weightedTargets"]![0]!["virtualNode"]); // the input is untouched
    }

    [Fact]
    public void References_to_objects_not_in_the_cluster_are_missing_dependencies()
    {
        var service = (JsonObject)Find("VirtualService", "color").DeepClone();
        service["spec"]!["meshRef"] = new JsonObject { ["name"] = "howto-k8s-http-headers" };

        var result = ClusterTranslator.Translate(service, Cluster.Where(o => KubernetesObjects.String(o["kind"]) != "VirtualRouter"));

        Assert.Empty(result.Resources);
        Assert.Equal(["VirtualRouter howto-k8s-http-headers/color"], result.Missing);
        Assert.Contains(result.Errors, e => e.Message.Contains("which is not in the cluster", StringComparison.Ordinal));
    }

    [Fact]
    public void Aws_names_follow_the_controller()
    {
        Assert.Equal("howto-k8s-http-headers", ClusterTranslator.AwsName(Find("Mesh", "howto-k8s-http-headers")));
        Assert.Equal("front_howto-k8s-http-headers", ClusterTranslator.AwsName(Find("VirtualNode", "front")));
        Assert.Equal("red", ClusterTranslator.AwsName(Find("VirtualNode", "red")));
        Assert.Equal("front.howto-k8s-http-headers", ClusterTranslator.AwsName(Find("VirtualService", "front")));
        Assert.Equal("color.howto-k8s-http-headers.svc.cluster.local", ClusterTranslator.AwsName(Find("VirtualService", "color")));
    }
}
