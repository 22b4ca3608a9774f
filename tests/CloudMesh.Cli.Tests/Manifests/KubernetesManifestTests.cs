using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Manifests;
using Xunit;
using static CloudMesh.Cli.Tests.Manifests.ManifestTesting;

namespace CloudMesh.Cli.Tests.Manifests;

public sealed class KubernetesManifestTests
{
    private const string Mesh = """
        apiVersion: appmesh.k8s.aws/v1beta2
        kind: Mesh
        metadata:
          name: m
        spec: {}
        """;

    [Fact]
    public void Colorapp_walkthrough_translates_to_the_specs_the_controller_sends()
    {
        var resources = ManifestLoader.LoadFiles([TestDataPath("colorapp.k8s.yaml")]);

        var expected = JsonNode.Parse(File.ReadAllText(TestDataPath("colorapp.expected.json")));
        Assert.Equal(Canonical(expected), Describe(resources));
        Assert.All(resources, r => Assert.Null(r.Tags));
    }

    [Fact]
    public void Routes_and_gateway_routes_get_their_parent_and_kind()
    {
        var resources = ManifestLoader.LoadFiles([TestDataPath("colorapp.k8s.yaml")]);

        var route = Assert.Single(resources, r => r.Id.Name == "color-route-red");
        Assert.Equal(new ResourceKey(ResourceKinds.Route, "howto-k8s-http-headers", "color_howto-k8s-http-headers", "color-route-red"), route.Id);
        var gatewayRoute = Assert.Single(resources, r => r.Id.Kind == ResourceKinds.GatewayRoute);
        Assert.Equal("ingress-gw_howto-k8s-http-headers", gatewayRoute.Id.ParentName);
    }

    [Fact]
    public void Spec_members_map_back_to_their_yaml_lines()
    {
        var resources = ManifestLoader.LoadFiles([TestDataPath("colorapp.k8s.yaml")]);
        var file = TestDataPath("colorapp.k8s.yaml");

        var front = Assert.Single(resources, r => r.Id.Name == "front_howto-k8s-http-headers");
        Assert.Equal(new SourceLocation(file, 25, 9), front.Members.Locate("spec.listeners[0].portMapping.port"));
        // The resolved backend name sits where the author wrote virtualServiceRef.
        Assert.Equal(new SourceLocation(file, 36, 9), front.Members.Locate("spec.backends[0].virtualService.virtualServiceName"));
        // A missing member is reported at its nearest written ancestor.
        Assert.Equal(new SourceLocation(file, 24, 7), front.Members.Locate("spec.listeners[0].portMapping.nope"));
        var red = Assert.Single(resources, r => r.Id.Name == "color-route-red");
        Assert.Equal(new SourceLocation(file, 138, 15), red.Members.Locate("spec.httpRoute.action.weightedTargets[0].virtualNode"));
    }

    [Fact]
    public void Default_names_follow_the_controller_and_namespace_defaults_to_default()
    {
        var resources = Load($"""
            {Mesh}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualNode
            metadata: {"{name: web}"}
            spec: {"{}"}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualService
            metadata: {"{name: web, namespace: shop}"}
            spec: {"{provider: {virtualNode: {virtualNodeRef: {name: web, namespace: default}}}}"}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualRouter
            metadata: {"{name: r, namespace: shop}"}
            spec: {"{listeners: [{portMapping: {port: 80, protocol: http}}]}"}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualGateway
            metadata: {"{name: gw, namespace: edge}"}
            spec: {"{listeners: [{portMapping: {port: 80, protocol: http}}]}"}
            """);

        Assert.Equal(
            ["mesh m", "virtualNode m/web_default", "virtualService m/web.shop", "virtualRouter m/r_shop", "virtualGateway m/gw_edge"],
            resources.Select(r => CloudMesh.Cli.Planning.PlanText.Resource(r.Id)));
        Assert.Equal("web_default", resources[2].Spec["provider"]!["virtualNode"]!["virtualNodeName"]!.GetValue<string>());
    }

    [Fact]
    public void References_default_to_the_referrers_namespace_and_use_the_targets_aws_name()
    {
        var resources = Load($"""
            {Mesh}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualNode
            metadata: {"{name: web, namespace: a}"}
            spec: {"{awsName: web-node}"}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualNode
            metadata: {"{name: web, namespace: b}"}
            spec: {"{}"}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualService
            metadata: {"{name: web, namespace: a}"}
            spec: {"{provider: {virtualNode: {virtualNodeRef: {name: web}}}}"}
            """);

        Assert.Equal("web-node", resources[3].Spec["provider"]!["virtualNode"]!["virtualNodeName"]!.GetValue<string>());
    }

    [Fact]
    public void Mesh_comes_from_meshRef_when_the_input_has_several()
    {
        var resources = Load($"""
            {Mesh}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: Mesh
            metadata: {"{name: other}"}
            spec: {"{awsName: other-mesh}"}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualNode
            metadata: {"{name: web}"}
            spec: {"{meshRef: {name: other, uid: 1234}}"}
            """);

        Assert.Equal(new ResourceKey(ResourceKinds.VirtualNode, "other-mesh", "", "web_default"), resources[2].Id);
        Assert.Empty(resources[2].Spec);
    }

    [Fact]
    public void Gateway_route_arn_target_and_virtualGatewayRef_resolve()
    {
        var resources = Load($"""
            {Mesh}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualGateway
            metadata: {"{name: gw1, namespace: edge}"}
            spec: {"{listeners: [{portMapping: {port: 80, protocol: http}}]}"}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualGateway
            metadata: {"{name: gw2, namespace: edge}"}
            spec: {"{listeners: [{portMapping: {port: 80, protocol: http}}]}"}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: GatewayRoute
            metadata: {"{name: to-web, namespace: edge}"}
            spec:
              virtualGatewayRef: {"{name: gw2}"}
              grpcRoute:
                match: {"{serviceName: web}"}
                action:
                  target:
                    virtualService:
                      virtualServiceARN: arn:aws:appmesh:eu-west-1:111122223333:mesh/m/virtualService/web.local
            """);

        var route = resources[3];
        Assert.Equal(new ResourceKey(ResourceKinds.GatewayRoute, "m", "gw2_edge", "to-web_edge"), route.Id);
        Assert.Equal(
            """{"grpcRoute":{"action":{"target":{"virtualService":{"virtualServiceName":"web.local"}}},"match":{"serviceName":"web"}}}""",
            Canonical(route.Spec));
    }

    [Fact]
    public void Kubernetes_only_fields_are_ignored_and_tls_arns_are_respelled()
    {
        var resources = Load($"""
            {Mesh}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualNode
            metadata:
              name: web
              labels: {"{app: web}"}
              annotations: {"{note: kept out}"}
            spec:
              podSelector: {"{matchLabels: {app: web}}"}
              backendGroups: [{"{name: all}"}]
              backendDefaults:
                clientPolicy:
                  tls:
                    validation:
                      trust:
                        acm:
                          certificateAuthorityARNs: [arn:aws:acm-pca:us-west-2:123456789012:certificate-authority/x]
            status:
              observedGeneration: 3
            """);

        Assert.Equal(
            """{"backendDefaults":{"clientPolicy":{"tls":{"validation":{"trust":{"acm":{"certificateAuthorityArns":["arn:aws:acm-pca:us-west-2:123456789012:certificate-authority/x"]}}}}}}}""",
            Canonical(resources[1].Spec));
    }
}
