using System.Text.Json.Nodes;
using CloudMesh.TestSupport;
using Xunit;

namespace CloudMesh.Cli.Tests.Commands;

/// <summary><c>cloudmesh apply</c> as a process against a real server: plan, diff, apply, idempotence, prune, errors.</summary>
[Collection(CliServerCollection.Name)]
public sealed class ApplyCommandTests(CliTestServer server) : IDisposable
{
    private readonly TempDirectory _files = new("cloudmesh-cli-manifests");

    private static readonly string Colors = ColorsManifest(withV2: true, "[{virtualNode: colors-v1, weight: 90}, {virtualNode: colors-v2, weight: 10}]");

    /// <summary>The colors mesh: one or two versions of a node behind a router's route with the given targets.</summary>
    private static string ColorsManifest(bool withV2, string targets)
    {
        var v2 = withV2
            ? "  colors-v2:\n    spec:\n      listeners: [{portMapping: {port: 8080, protocol: http}}]\n"
              + "      serviceDiscovery: {dns: {hostname: colors-v2.local}}\n"
            : "";
        return """
            cloudmesh: v1
            mesh: colors
            tags: {team: web}
            virtualNodes:
              colors-v1:
                spec:
                  listeners: [{portMapping: {port: 8080, protocol: http}}]
                  serviceDiscovery: {dns: {hostname: colors-v1.local}}
            V2virtualRouters:
              colors:
                spec: {listeners: [{portMapping: {port: 8080, protocol: http}}]}
                routes:
                  split:
                    spec:
                      httpRoute:
                        match: {prefix: /}
                        action: {weightedTargets: TARGETS}
            virtualServices:
              colors.local:
                spec: {provider: {virtualRouter: {virtualRouterName: colors}}}
            """.Replace("V2virtualRouters", v2 + "virtualRouters").Replace("TARGETS", targets);
    }

    [Fact]
    public async Task Apply_creates_in_dependency_order_then_is_idempotent_then_updates_with_a_diff()
    {
        var (cli, _) = await server.NewTenantCliAsync();
        using var _cli = cli;
        var file = Write("colors.yaml", Colors);

        var first = (await cli.RunAsync("apply", "-f", file)).Succeeded();
        Assert.Contains("+ create mesh colors", first.Out);
        Assert.Contains("Plan: 6 to create, 0 to update, 0 to delete, 0 unchanged.", first.Out);
        Assert.Contains("Applied 6 step(s).", first.Error);
        // Parents and referenced resources first: the nodes before the route that targets them, the router before the service.
        Assert.True(first.Out.IndexOf("virtualNode colors/colors-v2", StringComparison.Ordinal) < first.Out.IndexOf("route colors/colors/split", StringComparison.Ordinal), first.Out);
        Assert.True(first.Out.IndexOf("virtualRouter colors/colors", StringComparison.Ordinal) < first.Out.IndexOf("virtualService colors/colors.local", StringComparison.Ordinal), first.Out);

        var nodes = JsonNode.Parse((await cli.RunAsync("get", "vn", "-m", "colors", "-o", "json")).Succeeded().Out)!.AsArray();
        Assert.Equal(["colors-v1", "colors-v2"], nodes.Select(n => n!["virtualNodeName"]!.GetValue<string>()).Order());
        var mesh = (await cli.RunAsync("describe", "mesh", "colors")).Succeeded().Out;
        Assert.Contains("team: web", mesh);

        var again = (await cli.RunAsync("apply", "-f", file)).Succeeded();
        Assert.Contains("Plan: 0 to create, 0 to update, 0 to delete, 6 unchanged.", again.Out);
        Assert.Contains("Nothing to do.", again.Error);

        Write("colors.yaml", Colors.Replace("weight: 90", "weight: 50").Replace("weight: 10", "weight: 50"));
        var dryRun = (await cli.RunAsync("apply", "-f", file, "--dry-run")).Succeeded();
        Assert.Contains("~ update route colors/colors/split", dryRun.Out);
        Assert.Contains("~ httpRoute.action.weightedTargets[0].weight: 90 → 50", dryRun.Out);
        Assert.Contains("Dry run", dryRun.Error);
        Assert.Equal(90, await WeightAsync(cli, 0));

        (await cli.RunAsync("apply", "-f", file)).Succeeded();
        Assert.Equal(50, await WeightAsync(cli, 0));
        Assert.Equal(50, await WeightAsync(cli, 1));
    }

    [Fact]
    public async Task Resources_left_out_are_reported_and_only_deleted_with_prune()
    {
        var (cli, _) = await server.NewTenantCliAsync();
        using var _cli = cli;
        var file = Write("colors.yaml", Colors);
        (await cli.RunAsync("apply", "-f", file)).Succeeded();
        (await cli.RunAsync("get", "vn", "colors-v2", "-m", "colors")).Succeeded();

        // colors-v2 leaves the manifest, and the route stops targeting it.
        var withoutV2 = ColorsManifest(withV2: false, "[{virtualNode: colors-v1, weight: 100}]");
        Write("colors.yaml", withoutV2);

        var kept = (await cli.RunAsync("apply", "-f", file)).Succeeded();
        Assert.Contains("! not managed virtualNode colors/colors-v2", kept.Out);
        (await cli.RunAsync("get", "vn", "colors-v2", "-m", "colors")).Succeeded();

        var pruned = (await cli.RunAsync("apply", "-f", file, "--prune")).Succeeded();
        Assert.Contains("- delete virtualNode colors/colors-v2", pruned.Out);
        var gone = await cli.RunAsync("get", "vn", "colors-v2", "-m", "colors");
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("NotFoundException", gone.Error);
    }

    [Fact]
    public async Task Get_lists_routes_of_every_router_and_delete_removes_resources_or_says_why_not()
    {
        var (cli, _) = await server.NewTenantCliAsync();
        using var _cli = cli;
        (await cli.RunAsync("apply", "-f", Write("colors.yaml", Colors))).Succeeded();

        var table = (await cli.RunAsync("get", "routes", "-m", "colors")).Succeeded().Out;
        Assert.Contains("VIRTUAL-ROUTER", table);
        Assert.Matches(@"split\s+colors\s+colors\s+1\s", table);

        var noRouter = await cli.RunAsync("delete", "route", "split", "-m", "colors");
        Assert.Equal(2, noRouter.ExitCode);
        Assert.Contains("--virtual-router", noRouter.Error);

        (await cli.RunAsync("delete", "route", "split", "-m", "colors", "--router", "colors")).Succeeded();
        (await cli.RunAsync("delete", "vn", "colors-v1", "colors-v2", "-m", "colors")).Succeeded();
        Assert.Equal("[]", (await cli.RunAsync("get", "vn", "-m", "colors", "-o", "json")).Succeeded().Out.Trim());

        var inUse = await cli.RunAsync("delete", "mesh", "colors");
        Assert.Equal(1, inUse.ExitCode);
        Assert.Contains("ResourceInUseException", inUse.Error);
        var missing = await cli.RunAsync("delete", "vn", "colors-v1", "-m", "colors");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("NotFoundException", missing.Error);
    }

    [Fact]
    public async Task Kubernetes_manifests_of_the_app_mesh_controller_apply_under_the_controllers_names()
    {
        var (cli, _) = await server.NewTenantCliAsync();
        using var _cli = cli;
        var file = Path.Combine(AppContext.BaseDirectory, "Manifests", "TestData", "colorapp.k8s.yaml");

        (await cli.RunAsync("apply", "-f", file)).Succeeded();
        var routes = JsonNode.Parse((await cli.RunAsync("get", "routes", "-m", "howto-k8s-http-headers", "-o", "json")).Succeeded().Out)!.AsArray();
        Assert.Equal(["color-route-blue", "color-route-red"], routes.Select(r => r!["routeName"]!.GetValue<string>()).Order());
        Assert.All(routes, r => Assert.Equal("color_howto-k8s-http-headers", r!["virtualRouterName"]!.GetValue<string>()));
        var front = JsonNode.Parse((await cli.RunAsync("describe", "vn", "front_howto-k8s-http-headers", "-m", "howto-k8s-http-headers", "-o", "json")).Succeeded().Out)!;
        Assert.Equal("color.howto-k8s-http-headers.svc.cluster.local", front["spec"]!["backends"]![0]!["virtualService"]!["virtualServiceName"]!.GetValue<string>());
        Assert.Contains("Nothing to do.", (await cli.RunAsync("apply", "-f", file)).Succeeded().Error);
    }

    [Fact]
    public async Task Invalid_manifests_are_reported_with_file_and_line_and_nothing_is_applied()
    {
        var (cli, _) = await server.NewTenantCliAsync();
        using var _cli = cli;

        var badYaml = Write("bad.yaml", "cloudmesh: v1\nmesh: broken\nvirtualNodes:\n  a: {spec: [\n");
        var yamlError = await cli.RunAsync("apply", "-f", badYaml);
        Assert.Equal(1, yamlError.ExitCode);
        Assert.Matches($@"{Regex(badYaml)}:\d+:\d+: ", yamlError.Error);
        Assert.Contains("nothing was applied", yamlError.Error);

        var badSpec = Write("spec.yaml", "cloudmesh: v1\nmesh: broken\nvirtualNodes:\n  a:\n    spec:\n      listeners: [{portMapping: {port: 99999, protocol: http}}]\n");
        var specError = await cli.RunAsync("apply", "-f", badSpec);
        Assert.Equal(1, specError.ExitCode);
        Assert.Contains($"{badSpec}:6:", specError.Error);
        Assert.Contains("port", specError.Error);

        var unknownKind = Write("kind.yaml", "apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualWidget\nmetadata: {name: x}\n");
        var kindError = await cli.RunAsync("apply", "-f", unknownKind);
        Assert.Equal(1, kindError.ExitCode);
        Assert.Contains($"{unknownKind}:2:", kindError.Error);

        var missingRef = Write("ref.yaml", "cloudmesh: v1\nmesh: broken\nvirtualServices:\n  svc.local:\n    spec: {provider: {virtualNode: {virtualNodeName: nowhere}}}\n");
        var refError = await cli.RunAsync("apply", "-f", missingRef);
        Assert.Equal(1, refError.ExitCode);
        Assert.Contains($"{missingRef}:5:", refError.Error);
        Assert.Contains("nowhere", refError.Error);

        Assert.Equal("[]", (await cli.RunAsync("get", "meshes", "-o", "json")).Succeeded().Out.Trim());
    }

    [Fact]
    public async Task A_step_the_server_refuses_stops_the_apply_and_says_what_was_and_was_not_applied()
    {
        var (cli, tenant) = await server.NewTenantCliAsync();
        using var _cli = cli;
        // One virtual node per mesh: the second node's create is refused with LimitExceededException.
        (await cli.RunAsync("tenants", "limits", tenant.AccountId, "--quota", "virtualNodesPerMesh=1")).Succeeded();

        var result = await cli.RunAsync("apply", "-f", Write("colors.yaml", Colors));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("LimitExceededException", result.Error);
        Assert.Matches(@"applied 2 of 6 steps; not applied: create virtualNode colors/colors-v2, ", result.Error);
        (await cli.RunAsync("get", "vn", "colors-v1", "-m", "colors")).Succeeded();
    }

    /// <inheritdoc />
    public void Dispose() => _files.Dispose();

    private string Write(string name, string text)
    {
        var path = _files.Combine(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    private static async Task<int> WeightAsync(CliRunner cli, int target)
    {
        var route = JsonNode.Parse((await cli.RunAsync("describe", "route", "split", "-m", "colors", "--router", "colors", "-o", "json")).Succeeded().Out)!;
        return route["spec"]!["httpRoute"]!["action"]!["weightedTargets"]![target]!["weight"]!.GetValue<int>();
    }
}
