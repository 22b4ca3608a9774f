using Xunit;
using static CloudMesh.Cli.Tests.Manifests.ManifestTesting;

namespace CloudMesh.Cli.Tests.Manifests;

public sealed class ManifestErrorTests
{
    [Fact]
    public void Invalid_yaml_is_reported_at_the_parsers_mark()
    {
        var errors = Errors("cloudmesh: v1\nmesh: [colors\n");

        var error = Assert.Single(errors);
        Assert.StartsWith("mesh.yaml:3:1: invalid YAML: ", error);
    }

    [Fact]
    public void Duplicate_yaml_keys_are_rejected()
    {
        var error = Assert.Single(Errors("cloudmesh: v1\nmesh: a\nmesh: b\n"));

        Assert.StartsWith("mesh.yaml:3:1: invalid YAML: ", error);
    }

    [Fact]
    public void Unknown_api_version_kind_and_keys_are_each_reported()
    {
        var errors = Errors("""
            apiVersion: v1
            kind: ConfigMap
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: Route
            metadata: {name: r}
            ---
            cloudmesh: v1
            mesh: m
            virtualNode: {}
            ---
            cloudmesh: v2
            mesh: m2
            ---
            just: data
            """);

        Assert.Equal(
        [
            "mesh.yaml:1:1: unknown apiVersion 'v1'; expected appmesh.k8s.aws/v1beta2 (or a 'cloudmesh: v1' document)",
            "mesh.yaml:5:1: unknown kind 'Route' for appmesh.k8s.aws/v1beta2; expected one of: Mesh, VirtualNode, VirtualService, VirtualRouter, VirtualGateway, GatewayRoute",
            "mesh.yaml:10:1: unknown key 'virtualNode' in a native manifest; expected one of: cloudmesh, mesh, spec, tags, virtualNodes, virtualServices, virtualRouters, virtualGateways",
            "mesh.yaml:12:1: unsupported native manifest version 'v2'; expected 'cloudmesh: v1'",
            "mesh.yaml:15:1: not a CloudMesh manifest: expected 'cloudmesh: v1' or 'apiVersion: appmesh.k8s.aws/v1beta2'",
        ], errors);
    }

    [Fact]
    public void Missing_names_are_reported_where_they_belong()
    {
        var errors = Errors("""
            cloudmesh: v1
            spec: {}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualNode
            metadata:
              namespace: shop
            ---
            cloudmesh: v1
            mesh: m
            virtualRouters:
              r:
                spec: {listeners: [{portMapping: {port: 80, protocol: http}}]}
                routes:
                  "": {}
            """);

        Assert.Equal(
        [
            "mesh.yaml:1:1: native manifest: 'mesh' is required",
            "mesh.yaml:7:3: VirtualNode metadata: 'name' is required",
            "mesh.yaml:15:7: a route needs a non-empty name",
        ], errors);
    }

    [Fact]
    public void Duplicate_resources_name_both_places_across_files()
    {
        var errors = Errors(
            ("a.yaml", "apiVersion: appmesh.k8s.aws/v1beta2\nkind: Mesh\nmetadata: {name: m}\n---\n"
                + "apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualNode\nmetadata: {name: web}\nspec: {awsName: web}\n"),
            ("b.yaml", "apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualNode\nmetadata: {name: w}\nspec: {awsName: web, meshRef: {name: m}}\n"));

        Assert.Equal(["b.yaml:1:1: virtualNode 'web' in mesh 'm' is declared twice: also at a.yaml:5:1"], errors);
    }

    [Fact]
    public void Spec_violations_point_at_the_member()
    {
        var errors = Errors("""
            cloudmesh: v1
            mesh: m
            virtualNodes:
              web:
                spec:
                  listeners:
                    - portMapping:
                        port: "8080"
                        protocol: http
                    - portMapping: {port: 70000, protocol: http}
                  backend: []
            virtualRouters:
              r:
                spec: {listeners: [{portMapping: {port: 80, protocol: http}}]}
                routes:
                  bad:
                    spec:
                      httpRoute:
                        match:
                          prefix: api
                        action: {weightedTargets: [{virtualNode: web, weight: 1}]}
            """);

        Assert.Equal(string.Join("\n",
        [
            "mesh.yaml:8:13: spec.listeners[0].portMapping.port: expected an integer, got a string",
            "mesh.yaml:10:25: spec.listeners[1].portMapping.port: 70000 is greater than the maximum 65535",
            "mesh.yaml:11:7: spec.backend: Unknown member 'spec.backend'. Valid members are: backendDefaults, backends, listeners, logging, serviceDiscovery",
            "mesh.yaml:20:15: spec.httpRoute.match.prefix: 'api' must start with '/'.",
        ]), string.Join("\n", errors));
    }

    [Fact]
    public void Tag_and_name_limits_come_from_the_api_model()
    {
        var longKey = new string('k', 129);
        var errors = Errors($"""
            cloudmesh: v1
            mesh: m
            tags:
              ok: fine
              {longKey}: x
            virtualNodes:
              {new string('n', 256)}: {"{}"}
            """);

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("mesh.yaml:5:3: tags[1].key: ", errors[0]);
        Assert.StartsWith("mesh.yaml:7:3: virtualNodeName: ", errors[1]);
    }

    [Fact]
    public void Unresolvable_kubernetes_references_are_reported_at_the_reference()
    {
        var errors = Errors("""
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: Mesh
            metadata: {name: m1}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: Mesh
            metadata: {name: m2}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualService
            metadata: {name: web, namespace: shop}
            spec:
              meshRef: {name: m1}
              provider:
                virtualRouter:
                  virtualRouterRef: {name: web-router}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualService
            metadata: {name: api, namespace: shop}
            spec:
              meshRef: {name: nope}
              provider:
                virtualNode:
                  virtualNodeARN: arn:aws:appmesh:us-west-2:123456789012:mesh/m1/virtualRouter/api
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualNode
            metadata: {name: orphan}
            """);

        Assert.Equal(
        [
            "mesh.yaml:16:7: VirtualService shop/web: virtualRouterRef names VirtualRouter shop/web-router, which is not in the input",
            "mesh.yaml:22:13: VirtualService shop/api: meshRef names Mesh 'nope', which is not in the input",
            "mesh.yaml:25:7: VirtualService shop/api: virtualNodeARN must be a virtualNode ARN, got a virtualRouter ARN",
            "mesh.yaml:27:1: VirtualNode default/orphan: cannot tell which Mesh it belongs to: the input has 2 (Mesh m1, Mesh m2); set spec.meshRef",
        ], errors);
    }

    [Fact]
    public void Missing_files_and_empty_directories_are_errors()
    {
        var directory = Directory.CreateTempSubdirectory("cloudmesh-empty-");
        try
        {
            var missing = Path.Combine(directory.FullName, "missing.yaml");
            var exception = Assert.Throws<CloudMesh.Manifests.ManifestException>(
                () => CloudMesh.Manifests.ManifestLoader.LoadFiles([missing, directory.FullName]));

            Assert.Equal(
                [$"{missing}: no such file or directory", $"{directory.FullName}: the directory has no *.yaml or *.yml files"],
                exception.Errors.Select(e => e.ToString()));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
