using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Manifests;
using CloudMesh.Cli.Planning;
using Xunit;
using static CloudMesh.Cli.Tests.Manifests.ManifestTesting;

namespace CloudMesh.Cli.Tests.Planning;

public sealed class PlannerTests
{
    private const string Colors = """
        cloudmesh: v1
        mesh: colors
        virtualNodes:
          blue:
            spec: {listeners: [{portMapping: {port: 8080, protocol: http}}]}
            tags: {team: web}
          red:
            spec: {listeners: [{portMapping: {port: 8080, protocol: http}}]}
        virtualServices:
          colors.local: {spec: {provider: {virtualRouter: {virtualRouterName: colors}}}}
        virtualRouters:
          colors:
            spec: {listeners: [{portMapping: {port: 8080, protocol: http}}]}
            routes:
              split:
                spec:
                  httpRoute:
                    match: {prefix: /}
                    action: {weightedTargets: [{virtualNode: blue, weight: 1}, {virtualNode: red, weight: 1}]}
        virtualGateways:
          gw:
            spec: {listeners: [{portMapping: {port: 8088, protocol: http}}]}
            gatewayRoutes:
              to-colors: {spec: {httpRoute: {match: {prefix: /}, action: {target: {virtualService: {virtualServiceName: colors.local}}}}}}
        """;

    private static readonly PlanOptions NoPrune = new();
    private static readonly PlanOptions Prune = new() { Prune = true };

    private static ResourceKey Node(string name, string mesh = "colors") => new(ResourceKinds.VirtualNode, mesh, "", name);

    private static ActualResource Actual(ResourceKey id, string spec, Dictionary<string, string>? tags = null) =>
        new(id, JsonNode.Parse(spec)!.AsObject(), tags);

    /// <summary>Everything in <paramref name="desired"/> as it exists, re-serialised so no node is shared.</summary>
    private static List<ActualResource> Existing(IEnumerable<DesiredResource> desired) =>
        desired.Select(d => new ActualResource(d.Id, JsonNode.Parse(d.Spec.ToJsonString())!.AsObject(),
            d.Tags?.ToDictionary())).ToList();

    private static List<string> Lines(Plan plan) =>
        plan.Steps.Select(s => $"{s.Action} {PlanText.Resource(s.Id)}").ToList();

    [Fact]
    public void Everything_is_created_parents_and_references_first()
    {
        var plan = Planner.Compute(Load(Colors), [], NoPrune);

        Assert.Equal(
        [
            "Create mesh colors",
            "Create virtualNode colors/blue",
            "Create virtualNode colors/red",
            "Create virtualRouter colors/colors",
            "Create virtualGateway colors/gw",
            "Create route colors/colors/split",
            "Create virtualService colors/colors.local",
            "Create gatewayRoute colors/gw/to-colors",
        ], Lines(plan));
        Assert.Equal(new Dictionary<string, string> { ["team"] = "web" }, plan.Steps[1].TagsToSet);
        Assert.Contains(new SpecChange("listeners[0].portMapping.port", null, JsonValue.Create(8080)), plan.Steps[1].Changes,
            SpecChangeComparer.Instance);
    }

    [Fact]
    public void A_service_provided_by_a_node_needs_only_that_node_before_it()
    {
        var desired = Load("""
            cloudmesh: v1
            mesh: m
            virtualServices:
              a.local: {spec: {provider: {virtualNode: {virtualNodeName: z}}}}
            virtualNodes:
              z: {}
            """);

        Assert.Equal(["Create mesh m", "Create virtualNode m/z", "Create virtualService m/a.local"], Lines(Planner.Compute(desired, [], NoPrune)));
    }

    [Fact]
    public void Canonically_equal_specs_are_unchanged()
    {
        var desired = Load(Colors);
        var actual = Existing(desired);
        // Same spec, other member order, 8080.0, explicit nulls and the empty lists App Mesh returns.
        actual[1] = Actual(Node("blue"),
            """{"backends":[],"listeners":[{"portMapping":{"protocol":"http","port":8080.0}}],"logging":null}""",
            new() { ["team"] = "web" });
        // Tags the manifests do not declare are not compared.
        actual[2] = actual[2] with { Tags = new Dictionary<string, string> { ["owner"] = "ops" } };

        var plan = Planner.Compute(desired, actual, NoPrune);

        Assert.All(plan.Steps, s => Assert.Equal(PlanAction.Unchanged, s.Action));
        Assert.False(plan.HasChanges);
        Assert.Equal(8, plan.UnchangedCount);
    }

    [Fact]
    public void Spec_and_tag_differences_are_one_update_with_leaf_changes()
    {
        var desired = Load(Colors);
        var actual = Existing(desired);
        actual[1] = Actual(Node("blue"),
            """{"listeners":[{"portMapping":{"port":9090,"protocol":"http"}}],"logging":{"accessLog":{"file":{"path":"/dev/stdout"}}}}""",
            new() { ["team"] = "ops", ["cost"] = "1" });

        var plan = Planner.Compute(desired, actual, NoPrune);

        var step = Assert.Single(plan.Steps, s => s.Action == PlanAction.Update);
        Assert.Equal(Node("blue"), step.Id);
        Assert.True(step.SpecChanged);
        Assert.Equal(
            ["~ listeners[0].portMapping.port: 9090 → 8080", "- logging.accessLog.file.path: \"/dev/stdout\""],
            step.Changes.Select(c => c.ToString()));
        Assert.Equal(["- tags.cost: \"1\"", "~ tags.team: \"ops\" → \"web\""], step.TagChanges.Select(c => c.ToString()));
        Assert.Equal(new Dictionary<string, string> { ["team"] = "web" }, step.TagsToSet);
        Assert.Equal(["cost"], step.TagKeysToRemove);
    }

    [Fact]
    public void A_tag_only_difference_is_an_update_without_spec_change()
    {
        var desired = Load(Colors);
        var actual = Existing(desired);
        actual[1] = actual[1] with { Tags = null };

        var step = Assert.Single(Planner.Compute(desired, actual, NoPrune).Steps, s => s.Action == PlanAction.Update);

        Assert.False(step.SpecChanged);
        Assert.Equal(["+ tags.team: \"web\""], step.TagChanges.Select(c => c.ToString()));
    }

    [Fact]
    public void Undeclared_resources_are_listed_without_prune_and_deleted_referrers_first_with_it()
    {
        var desired = Load("""
            cloudmesh: v1
            mesh: colors
            virtualNodes:
              blue: {}
            """);
        var actual = Existing(desired);
        actual.Add(Actual(new ResourceKey(ResourceKinds.VirtualRouter, "colors", "", "old"), """{"listeners":[]}"""));
        actual.Add(Actual(new ResourceKey(ResourceKinds.Route, "colors", "old", "r"),
            """{"tcpRoute":{"action":{"weightedTargets":[{"virtualNode":"legacy","weight":1}]}}}"""));
        actual.Add(Actual(Node("legacy"), "{}"));
        actual.Add(Actual(new ResourceKey(ResourceKinds.VirtualService, "colors", "", "old.local"),
            """{"provider":{"virtualRouter":{"virtualRouterName":"old"}}}"""));
        actual.Add(Actual(Node("elsewhere", "other-mesh"), "{}"));
        actual.Add(Actual(ResourceKey.ForMesh("other-mesh"), "{}"));

        var kept = Planner.Compute(desired, actual, NoPrune);
        Assert.Equal(["Unchanged mesh colors", "Unchanged virtualNode colors/blue"], Lines(kept));
        Assert.Equal(
            ["route colors/old/r", "virtualNode colors/legacy", "virtualRouter colors/old", "virtualService colors/old.local"],
            kept.NotManaged.Select(PlanText.Resource));

        var pruned = Planner.Compute(desired, actual, Prune);
        Assert.Empty(pruned.NotManaged);
        Assert.Equal(
        [
            "Unchanged mesh colors",
            "Unchanged virtualNode colors/blue",
            "Delete virtualService colors/old.local",
            "Delete route colors/old/r",
            "Delete virtualRouter colors/old",
            "Delete virtualNode colors/legacy",
        ], Lines(pruned));
    }

    [Fact]
    public void References_to_missing_or_pruned_resources_are_errors_at_the_referring_member()
    {
        var desired = Load("""
            cloudmesh: v1
            mesh: colors
            virtualServices:
              colors.local:
                spec:
                  provider:
                    virtualRouter: {virtualRouterName: nowhere}
            virtualRouters:
              colors:
                spec: {listeners: [{portMapping: {port: 8080, protocol: http}}]}
                routes:
                  split:
                    spec:
                      tcpRoute:
                        action:
                          weightedTargets:
                            - {virtualNode: kept, weight: 1}
                            - {virtualNode: pruned, weight: 1}
            """, "refs.yaml");
        var actual = new List<ActualResource> { Actual(Node("kept"), "{}"), Actual(Node("pruned"), "{}") };

        // Without prune both nodes exist and stay: only the router is missing.
        var error = Assert.Single(Assert.Throws<ManifestException>(() => Planner.Compute(desired, actual, NoPrune)).Errors);
        Assert.Equal(
            "refs.yaml:7:25: virtualService colors/colors.local needs virtualRouter colors/nowhere (at spec.provider.virtualRouter.virtualRouterName), which is neither declared nor existing",
            error.ToString());

        // With prune, neither node is declared, so both would be deleted under the route that targets them.
        var errors = Assert.Throws<ManifestException>(() => Planner.Compute(desired, actual, Prune)).Errors;
        Assert.Equal(3, errors.Count);
        Assert.Equal(
            "refs.yaml:18:20: route colors/colors/split needs virtualNode colors/pruned (at spec.tcpRoute.action.weightedTargets[1].virtualNode), which is being pruned",
            errors[2].ToString());
    }

    [Fact]
    public void Resources_in_undeclared_meshes_need_their_mesh_to_exist()
    {
        var desired = Load("""
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: Mesh
            metadata: {name: m}
            ---
            apiVersion: appmesh.k8s.aws/v1beta2
            kind: VirtualNode
            metadata: {name: n}
            spec: {meshRef: {name: m}, awsName: n}
            """).Where(d => !d.Id.Kind.IsMesh).ToList();

        Assert.Equal(["m"], Planner.MeshesOf(desired));
        var error = Assert.Single(Assert.Throws<ManifestException>(() => Planner.Compute(desired, [], NoPrune)).Errors);
        Assert.Equal("mesh.yaml:5:1: virtualNode m/n needs mesh m, which is neither declared nor existing", error.ToString());
        Assert.Equal(["Create virtualNode m/n"], Lines(Planner.Compute(desired, [Actual(ResourceKey.ForMesh("m"), "{}")], NoPrune)));
    }

    private sealed class SpecChangeComparer : IEqualityComparer<SpecChange>
    {
        internal static readonly SpecChangeComparer Instance = new();

        public bool Equals(SpecChange? x, SpecChange? y) => x?.ToString() == y?.ToString();

        public int GetHashCode(SpecChange obj) => obj.ToString().GetHashCode(StringComparison.Ordinal);
    }
}
