using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Cli.Planning;
using Xunit;
using static CloudMesh.Cli.Tests.Manifests.ManifestTesting;

namespace CloudMesh.Cli.Tests.Planning;

public sealed class PlanRendererTests
{
    [Fact]
    public void Renders_each_step_with_its_changes_and_a_summary()
    {
        var desired = Load("""
            cloudmesh: v1
            mesh: colors
            virtualNodes:
              blue:
                spec: {listeners: [{portMapping: {port: 8080, protocol: http}}]}
                tags: {team: web}
              red: {spec: {serviceDiscovery: {dns: {hostname: red.local}}}}
            """);
        var actual = new List<ActualResource>
        {
            new(ResourceKey.ForMesh("colors"), [], null),
            new(new ResourceKey(ResourceKinds.VirtualNode, "colors", "", "blue"),
                JsonNode.Parse("""{"listeners":[{"portMapping":{"port":9090,"protocol":"http"}}]}""")!.AsObject(),
                new Dictionary<string, string> { ["team"] = "web" }),
            new(new ResourceKey(ResourceKinds.VirtualNode, "colors", "", "old"), [], null),
        };

        // Both plans list the declared resources alike; they differ only in what happens to colors/old.
        const string Declared = """
            = unchanged mesh colors
            ~ update virtualNode colors/blue
                ~ listeners[0].portMapping.port: 9090 → 8080
            + create virtualNode colors/red
                + serviceDiscovery.dns.hostname: "red.local"
            """;
        Assert.Equal(
            Declared + "\n" + """
            ! not managed virtualNode colors/old (not in the manifests; --prune deletes it)
            Plan: 1 to create, 1 to update, 0 to delete, 1 unchanged. 1 not managed.

            """.ReplaceLineEndings("\n"),
            PlanRenderer.Render(Planner.Compute(desired, actual, new PlanOptions())));

        Assert.Equal(
            Declared + "\n" + """
            - delete virtualNode colors/old
            Plan: 1 to create, 1 to update, 1 to delete, 1 unchanged.

            """.ReplaceLineEndings("\n"),
            PlanRenderer.Render(Planner.Compute(desired, actual, new PlanOptions { Prune = true })));
    }
}
