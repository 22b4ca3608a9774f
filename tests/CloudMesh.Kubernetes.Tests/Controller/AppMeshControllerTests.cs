using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Controller;
using CloudMesh.Kubernetes.Tests.Fakes;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Xunit;
using K = CloudMesh.Kubernetes.Controller.AppMeshCustomResource;

namespace CloudMesh.Kubernetes.Tests.Controller;

/// <summary>
/// The controller reconciling App Mesh's example manifests from the fake API server (no real one can run here) into a
/// REAL CloudMesh server backed by a real PostgreSQL, and writing status back.
/// </summary>
[Collection(CloudMeshApiCollection.Name)]
public sealed class AppMeshControllerTests(CloudMeshApiFixture api)
{
    private const string Ns = "howto-k8s-http-headers";
    private const string Mesh = "howto-k8s-http-headers";

    private static void ColorappNamespace(ControllerHarness harness) =>
        harness.Namespace(Ns, ("mesh", Mesh), ("gateway", "ingress-gw"), ("appmesh.k8s.aws/sidecarInjectorWebhook", "enabled"));

    [Fact]
    public async Task Reconciles_the_colorapp_example_into_cloudmesh_and_writes_status_back()
    {
        await using var harness = await ControllerHarness.StartAsync(api);
        ColorappNamespace(harness);

        // Applied in reverse: each object waits for what it depends on instead of failing for good.
        foreach (var obj in ExampleManifests.Colorapp().Reverse())
        {
            harness.Apply(obj);
        }

        var mesh = await harness.ActiveAsync(K.Mesh, null, Mesh);
        var front = await harness.ActiveAsync(K.VirtualNode, Ns, "front");
        await harness.ActiveAsync(K.VirtualNode, Ns, "blue");
        await harness.ActiveAsync(K.VirtualNode, Ns, "red");
        var router = await harness.ActiveAsync(K.VirtualRouter, Ns, "color");
        var color = await harness.ActiveAsync(K.VirtualService, Ns, "color");
        await harness.ActiveAsync(K.VirtualService, Ns, "front");
        var gateway = await harness.ActiveAsync(K.VirtualGateway, Ns, "ingress-gw");
        var gatewayRoute = await harness.ActiveAsync(K.GatewayRoute, Ns, "gateway-route-color");

        var account = (await harness.DescribeAsync(ResourceKey.ForMesh(Mesh)))!["metadata"]!["meshOwner"]!.GetValue<string>();
        Assert.Equal($"arn:aws:appmesh:us-east-1:{account}:mesh/{Mesh}", mesh["status"]!["meshARN"]!.GetValue<string>());
        Assert.Equal($"arn:aws:appmesh:us-east-1:{account}:mesh/{Mesh}/virtualNode/front_{Ns}", front["status"]!["virtualNodeARN"]!.GetValue<string>());
        Assert.Equal($"arn:aws:appmesh:us-east-1:{account}:mesh/{Mesh}/virtualService/color.{Ns}.svc.cluster.local",
            color["status"]!["virtualServiceARN"]!.GetValue<string>());
        Assert.EndsWith($"virtualGateway/ingress-gw_{Ns}", gateway["status"]!["virtualGatewayARN"]!.GetValue<string>());
        Assert.EndsWith($"virtualGateway/ingress-gw_{Ns}/gatewayRoute/gateway-route-color_{Ns}", gatewayRoute["status"]!["gatewayRouteARN"]!.GetValue<string>());
        var routeArns = router["status"]!["routeARNs"]!.AsObject();
        Assert.Equal(["color-route-blue", "color-route-red"], routeArns.Select(p => p.Key).Order());
        Assert.EndsWith($"virtualRouter/color_{Ns}/route/color-route-red", routeArns["color-route-red"]!.GetValue<string>());

        var condition = KubernetesObjects.Condition(front, "VirtualNodeActive")!;
        Assert.Equal("True", condition["status"]!.GetValue<string>());
        Assert.NotNull(condition["lastTransitionTime"]);
        Assert.Equal(1, front["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Equal([K.MeshMembersFinalizer, K.AwsResourcesFinalizer], KubernetesObjects.Finalizers(mesh));
        Assert.Equal([K.AwsResourcesFinalizer], KubernetesObjects.Finalizers(front));

        // CloudMesh holds the specs the CLI's translation produces (the same code): references resolved to App Mesh names.
        var frontData = (await harness.DescribeAsync(new ResourceKey(ResourceKinds.VirtualNode, Mesh, "", $"front_{Ns}")))!;
        Assert.Equal($"color.{Ns}.svc.cluster.local", frontData["spec"]!["backends"]![0]!["virtualService"]!["virtualServiceName"]!.GetValue<string>());
        var red = (await harness.DescribeAsync(new ResourceKey(ResourceKinds.Route, Mesh, $"color_{Ns}", "color-route-red")))!;
        Assert.Equal("red", red["spec"]!["httpRoute"]!["action"]!["weightedTargets"]![0]!["virtualNode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reconciles_manifests_using_the_wider_app_mesh_surface()
    {
        await using var harness = await ControllerHarness.StartAsync(api);
        harness.Namespace("features", ("mesh", "features"));
        var objects = ExampleManifests.Read("features.k8s.yaml");
        foreach (var obj in objects)
        {
            harness.Apply(obj);
        }

        foreach (var obj in objects)
        {
            await harness.ActiveAsync(ControllerHarness.KindOf(obj), KubernetesObjects.Namespace(obj), KubernetesObjects.Name(obj));
        }

        var canary = (await harness.DescribeAsync(new ResourceKey(ResourceKinds.Route, "features", "payments_features", "canary")))!;
        Assert.Equal("payments-v2_features", canary["spec"]!["http2Route"]!["action"]!["weightedTargets"]![0]!["virtualNode"]!.GetValue<string>());
        var grpc = (await harness.DescribeAsync(new ResourceKey(ResourceKinds.GatewayRoute, "features", "edge_features", "orders-grpc_features")))!;
        Assert.Equal("orders.features.svc.cluster.local", grpc["spec"]!["grpcRoute"]!["action"]!["target"]!["virtualService"]!["virtualServiceName"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_spec_update_propagates_and_bumps_observed_generation()
    {
        await using var harness = await ControllerHarness.StartAsync(api);
        ColorappNamespace(harness);
        harness.Apply(ExampleManifests.Colorapp().First(o => KubernetesObjects.Name(o) == Mesh));
        var blue = ExampleManifests.Colorapp().First(o => KubernetesObjects.Name(o) == "blue");
        harness.Apply(blue);
        await harness.ActiveAsync(K.VirtualNode, Ns, "blue");

        await harness.Client.PatchAsync(K.VirtualNode.Type, Ns, "blue", JsonNode.Parse("""
            {"spec": {"listeners": [{"portMapping": {"port": 9090, "protocol": "http2"}}]}}
            """)!.AsObject(), default);

        var key = new ResourceKey(ResourceKinds.VirtualNode, Mesh, "", $"blue_{Ns}");
        await Eventually.TrueAsync(async () =>
            (await harness.DescribeAsync(key))?["spec"]?["listeners"]?[0]?["portMapping"]?["port"]?.GetValue<int>() == 9090, "port 9090 in CloudMesh");
        await Eventually.TrueAsync(() => harness.Get(K.VirtualNode, Ns, "blue")?["status"]?["observedGeneration"]?.GetValue<long>() == 2, "observedGeneration 2");
        var data = (await harness.DescribeAsync(key))!;
        Assert.Equal("http2", data["spec"]!["listeners"]![0]!["portMapping"]!["protocol"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_new_aws_name_replaces_the_app_mesh_resource()
    {
        await using var harness = await ControllerHarness.StartAsync(api);
        ColorappNamespace(harness);
        harness.Apply(ExampleManifests.Colorapp().First(o => KubernetesObjects.Name(o) == Mesh));
        harness.Apply(ExampleManifests.Colorapp().First(o => KubernetesObjects.Name(o) == "blue"));
        await harness.ActiveAsync(K.VirtualNode, Ns, "blue");

        await harness.Client.PatchAsync(K.VirtualNode.Type, Ns, "blue", JsonNode.Parse("""{"spec": {"awsName": "blue-v2"}}""")!.AsObject(), default);

        await Eventually.TrueAsync(() => KubernetesObjects.String(harness.Get(K.VirtualNode, Ns, "blue")?["status"]?["virtualNodeARN"])?.EndsWith("/virtualNode/blue-v2", StringComparison.Ordinal) == true, "status names blue-v2");
        Assert.NotNull(await harness.DescribeAsync(new ResourceKey(ResourceKinds.VirtualNode, Mesh, "", "blue-v2")));
        Assert.Null(await harness.DescribeAsync(new ResourceKey(ResourceKinds.VirtualNode, Mesh, "", $"blue_{Ns}")));
    }

    [Fact]
    public async Task A_route_removed_from_the_router_is_deleted_in_cloudmesh()
    {
        await using var harness = await ControllerHarness.StartAsync(api);
        ColorappNamespace(harness);
        foreach (var obj in ExampleManifests.Colorapp().Where(o => KubernetesObjects.String(o["kind"]) is "Mesh" or "VirtualNode" or "VirtualRouter"))
        {
            harness.Apply(obj);
        }

        var router = await harness.ActiveAsync(K.VirtualRouter, Ns, "color");
        Assert.Equal(2, router["status"]!["routeARNs"]!.AsObject().Count);
        var routes = router["spec"]!["routes"]!.AsArray().Where(r => r!["name"]!.GetValue<string>() == "color-route-blue").Select(r => r!.DeepClone()).ToArray();
        await harness.Client.PatchAsync(K.VirtualRouter.Type, Ns, "color", new JsonObject { ["spec"] = new JsonObject { ["routes"] = new JsonArray(routes) } }, default);

        var red = new ResourceKey(ResourceKinds.Route, Mesh, $"color_{Ns}", "color-route-red");
        await Eventually.TrueAsync(async () => await harness.DescribeAsync(red) is null, "red route deleted in CloudMesh");
        await Eventually.TrueAsync(() => harness.Get(K.VirtualRouter, Ns, "color")!["status"]!["routeARNs"]!.AsObject().Count == 1, "routeARNs updated");
        Assert.NotNull(await harness.DescribeAsync(red with { Name = "color-route-blue" }));
    }

    [Fact]
    public async Task Deletion_removes_the_resources_from_cloudmesh_then_clears_the_finalizer()
    {
        await using var harness = await ControllerHarness.StartAsync(api);
        ColorappNamespace(harness);
        foreach (var obj in ExampleManifests.Colorapp())
        {
            harness.Apply(obj);
        }

        await harness.ActiveAsync(K.GatewayRoute, Ns, "gateway-route-color");
        await harness.ActiveAsync(K.VirtualService, Ns, "front");
        await harness.ActiveAsync(K.VirtualService, Ns, "color");

        // A router is deleted with its routes.
        await harness.Client.DeleteAsync(K.VirtualService.Type, Ns, "color", default);
        await harness.Client.DeleteAsync(K.GatewayRoute.Type, Ns, "gateway-route-color", default);
        await harness.Client.DeleteAsync(K.VirtualRouter.Type, Ns, "color", default);
        await Eventually.TrueAsync(() => harness.Get(K.VirtualRouter, Ns, "color") is null, "router gone from Kubernetes");
        Assert.Null(await harness.DescribeAsync(new ResourceKey(ResourceKinds.VirtualRouter, Mesh, "", $"color_{Ns}")));
        Assert.Null(await harness.DescribeAsync(new ResourceKey(ResourceKinds.Route, Mesh, $"color_{Ns}", "color-route-blue")));
        Assert.Null(await harness.DescribeAsync(new ResourceKey(ResourceKinds.GatewayRoute, Mesh, $"ingress-gw_{Ns}", $"gateway-route-color_{Ns}")));

        // The Mesh is deleted first, but waits (mesh-members finalizer) until its members are gone.
        await harness.Client.DeleteAsync(K.Mesh.Type, null, Mesh, default);
        await Eventually.TrueAsync(() => harness.Controller.Failures(new ObjectKey(K.Mesh, Mesh)) > 0, "mesh deletion waiting for members");
        Assert.NotNull(harness.Get(K.Mesh, null, Mesh));
        Assert.NotNull(await harness.DescribeAsync(ResourceKey.ForMesh(Mesh)));

        foreach (var (kind, name) in new[] { (K.VirtualService, "front"), (K.VirtualNode, "front"), (K.VirtualNode, "blue"), (K.VirtualNode, "red"), (K.VirtualGateway, "ingress-gw") })
        {
            await harness.Client.DeleteAsync(kind.Type, Ns, name, default);
        }

        await Eventually.TrueAsync(() => harness.Get(K.Mesh, null, Mesh) is null, "mesh gone from Kubernetes");
        Assert.Null(await harness.DescribeAsync(ResourceKey.ForMesh(Mesh)));
        Assert.Empty(await harness.AppMesh.ListAsync(ResourceKinds.Mesh, null, null, default));
    }

    [Fact]
    public async Task A_node_waits_for_its_mesh_with_backoff_and_becomes_active_when_the_mesh_appears()
    {
        await using var harness = await ControllerHarness.StartAsync(api);
        ColorappNamespace(harness);
        var blue = ExampleManifests.Colorapp().First(o => KubernetesObjects.Name(o) == "blue");
        harness.Apply(blue);

        var key = new ObjectKey(K.VirtualNode, $"{Ns}/blue");
        await Eventually.TrueAsync(() => harness.Controller.Failures(key) >= 3, "retried with backoff");
        var waiting = harness.Get(K.VirtualNode, Ns, "blue")!;
        var condition = KubernetesObjects.Condition(waiting, "VirtualNodeActive")!;
        Assert.Equal("False", condition["status"]!.GetValue<string>());
        Assert.Equal(AppMeshController.Reasons.MembershipNotResolved, condition["reason"]!.GetValue<string>());
        Assert.Contains("expecting 1 but found 0", condition["message"]!.GetValue<string>());
        Assert.Null(waiting["status"]!["virtualNodeARN"]);

        harness.Apply(ExampleManifests.Colorapp().First(o => KubernetesObjects.Name(o) == Mesh));
        var active = await harness.ActiveAsync(K.VirtualNode, Ns, "blue");
        Assert.NotNull(active["status"]!["virtualNodeARN"]);
        Assert.Equal(0, harness.Controller.Failures(key));

        // One event per change of the condition, not one per retry.
        var events = (await harness.Client.ListAsync(KubernetesResourceType.Events, Ns, default)).Items
            .Where(e => KubernetesObjects.String(e["involvedObject"]?["name"]) == "blue").ToList();
        var recorded = events.Select(e => (KubernetesObjects.String(e["type"]), KubernetesObjects.String(e["reason"]))).ToList();
        Assert.Contains(("Warning", AppMeshController.Reasons.MembershipNotResolved), recorded);
        Assert.Contains(("Normal", "Active"), recorded);
        Assert.Equal(recorded.Count, recorded.Distinct().Count()); // (it may also have waited for the mesh to become active)
        Assert.All(events, e => Assert.Equal("VirtualNode", KubernetesObjects.String(e["involvedObject"]!["kind"])));
    }

    [Fact]
    public async Task A_service_waits_for_its_provider_to_become_active()
    {
        await using var harness = await ControllerHarness.StartAsync(api);
        ColorappNamespace(harness);
        var objects = ExampleManifests.Colorapp();
        harness.Apply(objects.First(o => KubernetesObjects.Name(o) == Mesh));
        harness.Apply(objects.First(o => KubernetesObjects.String(o["kind"]) == "VirtualService" && KubernetesObjects.Name(o) == "front"));

        await Eventually.TrueAsync(() =>
            KubernetesObjects.String(KubernetesObjects.Condition(harness.Get(K.VirtualService, Ns, "front")!, "VirtualServiceActive")?["reason"])
                == AppMeshController.Reasons.DependencyNotFound, "waiting for the node to exist");

        // Without its backend (a reference needs the referenced object, to know its App Mesh name).
        var node = objects.First(o => KubernetesObjects.String(o["kind"]) == "VirtualNode" && KubernetesObjects.Name(o) == "front");
        node["spec"]!.AsObject().Remove("backends");
        harness.Apply(node);
        await harness.ActiveAsync(K.VirtualService, Ns, "front");
        await harness.ActiveAsync(K.VirtualNode, Ns, "front");
    }

    [Fact]
    public async Task With_leader_election_the_elected_replica_reconciles()
    {
        await using var harness = await ControllerHarness.StartAsync(api, leaderIdentity: "controller-0");
        ColorappNamespace(harness);
        harness.Apply(ExampleManifests.Colorapp().First(o => KubernetesObjects.Name(o) == Mesh));

        await harness.ActiveAsync(K.Mesh, null, Mesh);
        var lease = harness.Kube.Get(LeaderElector.Leases, "cloudmesh-system", "cloudmesh-controller-leader")!;
        Assert.Equal("controller-0", lease["spec"]!["holderIdentity"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invalid_spec_is_reported_in_the_condition()
    {
        await using var harness = await ControllerHarness.StartAsync(api);
        ColorappNamespace(harness);
        harness.Apply(ExampleManifests.Colorapp().First(o => KubernetesObjects.Name(o) == Mesh));
        harness.Apply(JsonNode.Parse($$$"""
            {"apiVersion": "appmesh.k8s.aws/v1beta2", "kind": "VirtualNode",
             "metadata": {"name": "bad", "namespace": "{{{Ns}}}"},
             "spec": {"listeners": [{"portMapping": {"port": 70000, "protocol": "http"}}]}}
            """)!.AsObject());

        await Eventually.TrueAsync(() =>
            KubernetesObjects.String(KubernetesObjects.Condition(harness.Get(K.VirtualNode, Ns, "bad")!, "VirtualNodeActive")?["reason"])
                == AppMeshController.Reasons.InvalidSpec, "invalid spec reported");
        var message = KubernetesObjects.String(KubernetesObjects.Condition(harness.Get(K.VirtualNode, Ns, "bad")!, "VirtualNodeActive")!["message"])!;
        Assert.Contains("port", message);
    }
}
