using System.Text.Json.Nodes;
using CloudMesh.Conformance.Tests.Infrastructure;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Conformance.Tests;

/// <summary>
/// The AWS CLI drives every App Mesh operation through a whole mesh's life (scripts/cli_lifecycle.py); these tests
/// check each step's outcome and output as the CLI printed it.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class AwsCliLifecycleTests(CloudMeshApiFixture api, ReportCache cache) : IClassFixture<ReportCache>
{
    private const string Mesh = "cli-mesh";

    /// <summary>Every step the script runs: its name, the one operation it must call, and the HTTP status expected.</summary>
    public static TheoryData<string, string, int> Steps => new()
    {
        { "create-mesh", "CreateMesh", 200 }, { "describe-mesh", "DescribeMesh", 200 }, { "update-mesh", "UpdateMesh", 200 },
        { "update-mesh-again", "UpdateMesh", 200 }, { "list-meshes", "ListMeshes", 200 },
        { "create-virtual-node", "CreateVirtualNode", 200 }, { "create-virtual-node-b", "CreateVirtualNode", 200 },
        { "describe-virtual-node", "DescribeVirtualNode", 200 }, { "update-virtual-node", "UpdateVirtualNode", 200 },
        { "list-virtual-nodes", "ListVirtualNodes", 200 },
        { "create-virtual-router", "CreateVirtualRouter", 200 }, { "describe-virtual-router", "DescribeVirtualRouter", 200 },
        { "update-virtual-router", "UpdateVirtualRouter", 200 }, { "list-virtual-routers", "ListVirtualRouters", 200 },
        { "create-route:r-http", "CreateRoute", 200 }, { "create-route:r-http2", "CreateRoute", 200 },
        { "create-route:r-grpc", "CreateRoute", 200 }, { "create-route:r-tcp", "CreateRoute", 200 },
        { "describe-route", "DescribeRoute", 200 }, { "update-route", "UpdateRoute", 200 }, { "list-routes", "ListRoutes", 200 },
        { "create-virtual-service:node", "CreateVirtualService", 200 }, { "create-virtual-service:router", "CreateVirtualService", 200 },
        { "describe-virtual-service", "DescribeVirtualService", 200 }, { "update-virtual-service", "UpdateVirtualService", 200 },
        { "list-virtual-services", "ListVirtualServices", 200 },
        { "create-virtual-gateway", "CreateVirtualGateway", 200 }, { "describe-virtual-gateway", "DescribeVirtualGateway", 200 },
        { "update-virtual-gateway", "UpdateVirtualGateway", 200 }, { "list-virtual-gateways", "ListVirtualGateways", 200 },
        { "create-gateway-route", "CreateGatewayRoute", 200 }, { "describe-gateway-route", "DescribeGatewayRoute", 200 },
        { "update-gateway-route", "UpdateGatewayRoute", 200 }, { "list-gateway-routes", "ListGatewayRoutes", 200 },
        { "tag-resource", "TagResource", 200 }, { "list-tags-for-resource", "ListTagsForResource", 200 },
        { "untag-resource", "UntagResource", 200 }, { "list-tags-after-untag", "ListTagsForResource", 200 },
        { "delete-mesh-too-early", "DeleteMesh", 409 },
        { "delete-gateway-route", "DeleteGatewayRoute", 200 }, { "delete-virtual-gateway", "DeleteVirtualGateway", 200 },
        { "delete-virtual-service:router", "DeleteVirtualService", 200 }, { "delete-virtual-service:node", "DeleteVirtualService", 200 },
        { "delete-route:r-http", "DeleteRoute", 200 }, { "delete-route:r-http2", "DeleteRoute", 200 },
        { "delete-route:r-grpc", "DeleteRoute", 200 }, { "delete-route:r-tcp", "DeleteRoute", 200 },
        { "delete-virtual-router", "DeleteVirtualRouter", 200 }, { "delete-virtual-node:b", "DeleteVirtualNode", 200 },
        { "delete-virtual-node", "DeleteVirtualNode", 200 }, { "delete-mesh", "DeleteMesh", 200 },
        { "describe-deleted-mesh", "DescribeMesh", 404 }, { "list-meshes-after-delete", "ListMeshes", 200 },
    };

    /// <summary>Create steps: the step, the output's payload member, and the ARN's resource part.</summary>
    public static TheoryData<string, string, string> Creates => new()
    {
        { "create-mesh", "mesh", $"mesh/{Mesh}" },
        { "create-virtual-node", "virtualNode", $"mesh/{Mesh}/virtualNode/vn-a" },
        { "create-virtual-router", "virtualRouter", $"mesh/{Mesh}/virtualRouter/vr" },
        { "create-route:r-http", "route", $"mesh/{Mesh}/virtualRouter/vr/route/r-http" },
        { "create-route:r-http2", "route", $"mesh/{Mesh}/virtualRouter/vr/route/r-http2" },
        { "create-route:r-grpc", "route", $"mesh/{Mesh}/virtualRouter/vr/route/r-grpc" },
        { "create-route:r-tcp", "route", $"mesh/{Mesh}/virtualRouter/vr/route/r-tcp" },
        { "create-virtual-service:node", "virtualService", $"mesh/{Mesh}/virtualService/by-node.local" },
        { "create-virtual-service:router", "virtualService", $"mesh/{Mesh}/virtualService/by-router.local" },
        { "create-virtual-gateway", "virtualGateway", $"mesh/{Mesh}/virtualGateway/gw" },
        { "create-gateway-route", "gatewayRoute", $"mesh/{Mesh}/virtualGateway/gw/gatewayRoute/gr" },
    };

    /// <summary>Update steps: the update, the create it follows, the payload member, the version it must return.</summary>
    public static TheoryData<string, string, string, long> Updates => new()
    {
        { "update-mesh", "create-mesh", "mesh", 2 },
        { "update-mesh-again", "create-mesh", "mesh", 3 },
        { "update-virtual-node", "create-virtual-node", "virtualNode", 2 },
        { "update-virtual-router", "create-virtual-router", "virtualRouter", 2 },
        { "update-route", "create-route:r-http", "route", 2 },
        { "update-virtual-service", "create-virtual-service:node", "virtualService", 2 },
        { "update-virtual-gateway", "create-virtual-gateway", "virtualGateway", 2 },
        { "update-gateway-route", "create-gateway-route", "gatewayRoute", 2 },
    };

    /// <summary>Delete steps: the delete, the create of the same resource, and the payload member.</summary>
    public static TheoryData<string, string, string> Deletes => new()
    {
        { "delete-gateway-route", "create-gateway-route", "gatewayRoute" },
        { "delete-virtual-gateway", "create-virtual-gateway", "virtualGateway" },
        { "delete-virtual-service:router", "create-virtual-service:router", "virtualService" },
        { "delete-virtual-service:node", "create-virtual-service:node", "virtualService" },
        { "delete-route:r-http", "create-route:r-http", "route" },
        { "delete-route:r-http2", "create-route:r-http2", "route" },
        { "delete-route:r-grpc", "create-route:r-grpc", "route" },
        { "delete-route:r-tcp", "create-route:r-tcp", "route" },
        { "delete-virtual-router", "create-virtual-router", "virtualRouter" },
        { "delete-virtual-node:b", "create-virtual-node-b", "virtualNode" },
        { "delete-virtual-node", "create-virtual-node", "virtualNode" },
        { "delete-mesh", "create-mesh", "mesh" },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Each_step_calls_its_one_operation_and_gets_the_expected_status(string step, string operation, int status)
    {
        var s = await StepAsync(step);

        var call = Assert.Single(s["calls"]!.AsArray());
        Assert.Equal(operation, call!.Str("op"));
        Assert.Equal(status, (int)call.Int("status"));
        if (status == 200)
        {
            Assert.True(s.Int("rc") == 0, $"{step} exited {s.Int("rc")}: {s.Str("err")}");
        }
        else
        {
            Assert.NotEqual(0, s.Int("rc"));
        }
    }

    [Fact]
    public async Task The_script_ran_exactly_the_listed_steps_in_order()
    {
        var report = await ReportAsync();
        var ran = report["steps"]!.AsArray().Select(s => s!.Str("name"));
        Assert.Equal(Steps.Select(row => (string)row[0]), ran);
    }

    [Fact]
    public async Task The_operations_exercised_are_exactly_the_38_of_botocores_model()
    {
        var report = await ReportAsync();
        var model = report.Strings("modelOperations");
        var exercised = report["steps"]!.AsArray().SelectMany(s => s!["calls"]!.AsArray()).Select(c => c!.Str("op")).ToHashSet();

        Assert.Equal(38, model.Count);
        Assert.Equal(model.Order(StringComparer.Ordinal), exercised.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Successful_calls_return_the_status_code_the_model_declares()
    {
        var report = await ReportAsync();
        var codes = report["modelResponseCodes"]!.AsObject();
        foreach (var call in report["steps"]!.AsArray().SelectMany(s => s!["calls"]!.AsArray()).Where(c => c!.Int("status") < 300))
        {
            Assert.Equal((call!.Str("op"), codes[call.Str("op")]!.GetValue<long>()), (call.Str("op"), call.Int("status")));
        }
    }

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task Created_resources_are_active_version_1_and_owned_by_the_account(string step, string member, string arnResource)
    {
        var account = (await ReportAsync()).Str("accountId");
        var data = (await StepAsync(step)).At("out." + member);

        Assert.Equal($"arn:aws:appmesh:us-east-1:{account}:{arnResource}", data.Str("metadata.arn"));
        Assert.True(Guid.TryParse(data.Str("metadata.uid"), out _), data.Str("metadata.uid"));
        Assert.Equal(1, data.Int("metadata.version"));
        Assert.Equal(account, data.Str("metadata.meshOwner"));
        Assert.Equal(account, data.Str("metadata.resourceOwner"));
        Assert.Equal(System.Text.Json.JsonValueKind.Number, data.At("metadata.createdAt").GetValueKind());
        Assert.Equal(data.Num("metadata.createdAt"), data.Num("metadata.lastUpdatedAt"));
        Assert.True(data.Num("metadata.createdAt") > 1_500_000_000, "createdAt must be epoch seconds");
        Assert.Equal("ACTIVE", data.Str("status.status"));
        Assert.Equal(Mesh, data.Str("meshName"));
    }

    [Theory]
    [MemberData(nameof(Updates))]
    public async Task Updates_raise_the_version_by_exactly_one_and_keep_identity(string step, string createStep, string member, long version)
    {
        var created = (await StepAsync(createStep)).At("out." + member);
        var updated = (await StepAsync(step)).At("out." + member);

        Assert.Equal(version, updated.Int("metadata.version"));
        Assert.Equal(created.Str("metadata.uid"), updated.Str("metadata.uid"));
        Assert.Equal(created.Str("metadata.arn"), updated.Str("metadata.arn"));
        Assert.Equal(created.Num("metadata.createdAt"), updated.Num("metadata.createdAt"));
        Assert.True(updated.Num("metadata.lastUpdatedAt") >= created.Num("metadata.lastUpdatedAt"));
        Assert.Equal("ACTIVE", updated.Str("status.status"));
        var argv = (await StepAsync(step))["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        var sentSpec = JsonNode.Parse(argv[argv.IndexOf("--spec") + 1]);
        Assert.True(JsonNode.DeepEquals(sentSpec, updated["spec"]), $"{step}: spec {updated["spec"]} is not what was sent: {sentSpec}");
    }

    [Fact]
    public async Task Describes_return_the_stored_resource()
    {
        Assert.Equal(1, (await StepAsync("describe-mesh")).Int("out.mesh.metadata.version"));
        Assert.Equal("DROP_ALL", (await StepAsync("describe-mesh")).Str("out.mesh.spec.egressFilter.type"));
        Assert.Equal("a.cli.local", (await StepAsync("describe-virtual-node")).Str("out.virtualNode.spec.serviceDiscovery.dns.hostname"));
        Assert.Equal(8080, (await StepAsync("describe-virtual-router")).Int("out.virtualRouter.spec.listeners.0.portMapping.port"));
        Assert.Equal("greeter", (await StepAsync("describe-route")).Str("out.route.spec.grpcRoute.match.serviceName"));
        Assert.Equal("vr", (await StepAsync("describe-route")).Str("out.route.virtualRouterName"));
        Assert.Equal("vr", (await StepAsync("describe-virtual-service")).Str("out.virtualService.spec.provider.virtualRouter.virtualRouterName"));
        Assert.Equal("gw", (await StepAsync("describe-gateway-route")).Str("out.gatewayRoute.virtualGatewayName"));
        Assert.Equal(
            (await StepAsync("create-virtual-gateway")).Str("out.virtualGateway.metadata.uid"),
            (await StepAsync("describe-virtual-gateway")).Str("out.virtualGateway.metadata.uid"));
    }

    [Theory]
    [InlineData("list-meshes", "meshes", "meshName", "cli-mesh")]
    [InlineData("list-virtual-nodes", "virtualNodes", "virtualNodeName", "vn-a,vn-b")]
    [InlineData("list-virtual-routers", "virtualRouters", "virtualRouterName", "vr")]
    [InlineData("list-routes", "routes", "routeName", "r-grpc,r-http,r-http2,r-tcp")]
    [InlineData("list-virtual-services", "virtualServices", "virtualServiceName", "by-node.local,by-router.local")]
    [InlineData("list-virtual-gateways", "virtualGateways", "virtualGatewayName", "gw")]
    [InlineData("list-gateway-routes", "gatewayRoutes", "gatewayRouteName", "gr")]
    public async Task Lists_show_every_resource_with_its_reference_fields(string step, string member, string nameMember, string names)
    {
        var account = (await ReportAsync()).Str("accountId");
        var items = (await StepAsync(step)).At("out." + member).AsArray();

        Assert.Equal(names.Split(','), items.Select(i => i!.Str(nameMember)).Order(StringComparer.Ordinal));
        Assert.All(items, item =>
        {
            Assert.StartsWith($"arn:aws:appmesh:us-east-1:{account}:mesh/{Mesh}", item!.Str("arn"));
            Assert.Equal(account, item.Str("meshOwner"));
            Assert.Equal(account, item.Str("resourceOwner"));
            Assert.True(item.Int("version") >= 1);
            Assert.True(item.Num("lastUpdatedAt") >= item.Num("createdAt"));
        });
        Assert.Null((await StepAsync(step))["out"]!["nextToken"]);
    }

    [Fact]
    public async Task List_entries_carry_the_current_version()
    {
        var nodes = (await StepAsync("list-virtual-nodes")).At("out.virtualNodes").AsArray();
        Assert.Equal(2, nodes.Single(n => n!.Str("virtualNodeName") == "vn-a")!.Int("version"));
        Assert.Equal(1, nodes.Single(n => n!.Str("virtualNodeName") == "vn-b")!.Int("version"));
        Assert.Equal(3, (await StepAsync("list-meshes")).Int("out.meshes.0.version"));
    }

    [Fact]
    public async Task Tags_are_added_listed_and_removed_by_arn()
    {
        var tags = (await StepAsync("list-tags-for-resource")).At("out.tags").AsArray();
        Assert.Equal([("team", "payments"), ("tier", "gold")], tags.Select(t => (t!.Str("key"), t.Str("value"))));

        var after = (await StepAsync("list-tags-after-untag")).At("out.tags").AsArray();
        Assert.Equal([("team", "payments")], after.Select(t => (t!.Str("key"), t.Str("value"))));
    }

    [Theory]
    [MemberData(nameof(Deletes))]
    public async Task Deletes_in_the_required_order_return_the_resource_as_DELETED(string step, string createStep, string member)
    {
        var created = (await StepAsync(createStep)).At("out." + member);
        var deleted = (await StepAsync(step)).At("out." + member);

        Assert.Equal("DELETED", deleted.Str("status.status"));
        Assert.Equal(created.Str("metadata.arn"), deleted.Str("metadata.arn"));
        Assert.Equal(created.Str("metadata.uid"), deleted.Str("metadata.uid"));
    }

    [Fact]
    public async Task Deleting_a_mesh_with_contents_is_refused_and_a_deleted_mesh_is_gone()
    {
        Assert.Contains("(ResourceInUseException)", (await StepAsync("delete-mesh-too-early")).Str("err"));
        Assert.Contains("(NotFoundException)", (await StepAsync("describe-deleted-mesh")).Str("err"));
        Assert.Empty((await StepAsync("list-meshes-after-delete")).At("out.meshes").AsArray());
    }

    [Fact]
    public async Task The_aws_executable_itself_works_against_CloudMesh()
    {
        var tenant = await api.CreateTenantAsync("cli-binary");

        var created = await ExternalClients.RunAwsCliAsync(api.Endpoint, tenant, "appmesh", "create-mesh", "--mesh-name", "bin-mesh");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal($"arn:aws:appmesh:us-east-1:{tenant.AccountId}:mesh/bin-mesh", JsonNode.Parse(created.Stdout)!.Str("mesh.metadata.arn"));

        var missing = await ExternalClients.RunAwsCliAsync(api.Endpoint, tenant, "appmesh", "describe-mesh", "--mesh-name", "no-such-mesh");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("An error occurred (NotFoundException) when calling the DescribeMesh operation", missing.Stderr);
    }

    private async Task<JsonObject> ReportAsync() => await cache.GetAsync("cli", async () =>
    {
        var tenant = await api.CreateTenantAsync("cli");
        var report = await ExternalClients.RunScriptAsync("cli_lifecycle.py", api.Endpoint, [tenant]);
        report["accountId"] = tenant.AccountId;
        return report;
    });

    private async Task<JsonNode> StepAsync(string name)
    {
        var steps = (await ReportAsync())["steps"]!.AsArray();
        return steps.FirstOrDefault(s => s!.Str("name") == name) ?? throw new InvalidOperationException($"The script ran no step '{name}'.");
    }
}
