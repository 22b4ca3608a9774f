using CloudMesh.Api.Core.Resources;
using CloudMesh.Manifests;
using Xunit;
using static CloudMesh.Cli.Tests.Manifests.ManifestTesting;

namespace CloudMesh.Cli.Tests.Manifests;

public sealed class NativeManifestTests
{
    [Fact]
    public void Native_form_declares_the_same_resources_as_the_kubernetes_walkthrough()
    {
        var native = ManifestLoader.LoadFiles([TestDataPath("colorapp.native.yaml")]);
        var kubernetes = ManifestLoader.LoadFiles([TestDataPath("colorapp.k8s.yaml")]);

        Assert.Equal(Describe(kubernetes.OrderBy(r => CloudMesh.Cli.Planning.PlanText.Resource(r.Id), StringComparer.Ordinal)),
            Describe(native.OrderBy(r => CloudMesh.Cli.Planning.PlanText.Resource(r.Id), StringComparer.Ordinal)));
    }

    [Fact]
    public void Tags_are_managed_only_where_declared()
    {
        var resources = Load("""
            cloudmesh: v1
            mesh: colors
            tags: {team: web, tier: 1}
            virtualNodes:
              a: {spec: {}, tags: {owner: ~}}
              b:
            virtualRouters:
              r:
                spec: {listeners: [{portMapping: {port: 80, protocol: http}}]}
                routes:
                  split: {tags: {}, spec: {tcpRoute: {action: {weightedTargets: [{virtualNode: a, weight: 1}]}}}}
            """);

        Assert.Equal(["mesh", "virtualNode", "virtualNode", "virtualRouter", "route"], resources.Select(r => r.Id.Kind.Name));
        Assert.Equal(new Dictionary<string, string> { ["team"] = "web", ["tier"] = "1" }, resources[0].Tags);
        Assert.Equal(new Dictionary<string, string> { ["owner"] = "" }, resources[1].Tags);
        Assert.Null(resources[2].Tags);
        Assert.Empty(resources[2].Spec);
        Assert.Equal(new ResourceKey(ResourceKinds.Route, "colors", "r", "split"), resources[4].Id);
        Assert.Empty(resources[4].Tags!);
    }

    [Fact]
    public void Mesh_without_spec_has_an_empty_spec_and_locations_point_at_names()
    {
        var resources = Load("""
            cloudmesh: v1
            mesh: colors
            virtualServices:
              colors.local:
                spec:
                  provider:
                    virtualNode: {virtualNodeName: n}
            """, "native.yaml");

        Assert.Empty(resources[0].Spec);
        Assert.Equal(new SourceLocation("native.yaml", 2, 1), resources[0].Location);
        Assert.Equal(new SourceLocation("native.yaml", 4, 3), resources[1].Location);
        Assert.Equal(new SourceLocation("native.yaml", 7, 23), resources[1].Members.Locate("spec.provider.virtualNode.virtualNodeName"));
    }

    [Fact]
    public void Quoted_numbers_stay_strings_and_plain_scalars_are_typed()
    {
        var resources = Load("""
            cloudmesh: v1
            mesh: m
            virtualNodes:
              n:
                spec:
                  listeners: [{portMapping: {port: 0x1F90, protocol: http}, healthCheck: {protocol: http, healthyThreshold: 2, unhealthyThreshold: 2, timeoutMillis: 2000, intervalMillis: 5000, path: "123"}}]
                  serviceDiscovery: {dns: {hostname: "true"}}
            """);

        Assert.Equal(
            """{"listeners":[{"healthCheck":{"healthyThreshold":2,"intervalMillis":5000,"path":"123","protocol":"http","timeoutMillis":2000,"unhealthyThreshold":2},"portMapping":{"port":8080,"protocol":"http"}}],"serviceDiscovery":{"dns":{"hostname":"true"}}}""",
            Canonical(resources[1].Spec));
    }

    [Fact]
    public void A_directory_loads_its_yaml_files_in_name_order()
    {
        var directory = Directory.CreateTempSubdirectory("cloudmesh-manifests-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "b.yml"), "cloudmesh: v1\nmesh: m\nvirtualNodes: {b: {}}\n---\ncloudmesh: v1\nmesh: n\n");
            File.WriteAllText(Path.Combine(directory.FullName, "a.yaml"), "cloudmesh: v1\nmesh: a\n");
            File.WriteAllText(Path.Combine(directory.FullName, "notes.txt"), "not: yaml for us");

            var resources = ManifestLoader.LoadFiles([directory.FullName]);

            Assert.Equal(["a", "m", "b", "n"], resources.Select(r => r.Id.Name));
            Assert.Equal(new SourceLocation(Path.Combine(directory.FullName, "b.yml"), 3, 16), resources[2].Location);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
