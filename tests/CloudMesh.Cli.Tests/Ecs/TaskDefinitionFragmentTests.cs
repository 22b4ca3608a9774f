using System.Text.Json.Nodes;
using CloudMesh.Cli.Ecs;
using Xunit;

namespace CloudMesh.Cli.Tests.Ecs;

/// <summary>The ECS task-definition fragment for a virtual node's proxy, checked against botocore's ECS model.</summary>
public sealed class TaskDefinitionFragmentTests
{
    private const string Arn = "arn:aws:appmesh:us-east-1:111122223333:mesh/shop/virtualNode/web";
    private static readonly Lazy<BotocoreShapes> Ecs = new(BotocoreShapes.Ecs);

    private static EcsProxyInputs Inputs(params int[] ports) => new()
    {
        ResourceArn = Arn,
        XdsEndpoint = "http://cp.internal:8081",
        XdsToken = "cmx_secret",
        AppPorts = ports.Length == 0 ? [8080] : ports,
    };

    [Fact]
    public void The_proxy_configuration_redirects_the_app_ports_to_15000_and_15001_and_ignores_uid_1337()
    {
        var fragment = TaskDefinitionFragment.Build(Inputs(8080, 9090, 8080));

        Assert.Equal("awsvpc", fragment["networkMode"]!.GetValue<string>());
        var proxy = fragment["proxyConfiguration"]!;
        Assert.Equal("APPMESH", proxy["type"]!.GetValue<string>());
        Assert.Equal("envoy", proxy["containerName"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string>
        {
            ["AppPorts"] = "8080,9090",
            ["ProxyIngressPort"] = "15000",
            ["ProxyEgressPort"] = "15001",
            ["IgnoredUID"] = "1337",
            ["EgressIgnoredIPs"] = "169.254.170.2,169.254.169.254",
        }, Pairs(proxy["properties"]!));
    }

    [Fact]
    public void The_proxy_container_runs_as_1337_with_the_proxy_environment_and_a_ready_health_check()
    {
        var container = Assert.Single(TaskDefinitionFragment.Build(Inputs() with { Image = "registry/proxy:1.2", ContainerName = "sidecar" })["containerDefinitions"]!.AsArray())!;

        Assert.Equal("sidecar", container["name"]!.GetValue<string>());
        Assert.Equal("registry/proxy:1.2", container["image"]!.GetValue<string>());
        Assert.True(container["essential"]!.GetValue<bool>());
        Assert.Equal("1337", container["user"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string>
        {
            ["APPMESH_RESOURCE_ARN"] = Arn,
            ["APPMESH_XDS_ENDPOINT"] = "http://cp.internal:8081",
            ["CLOUDMESH_XDS_TOKEN"] = "cmx_secret",
            ["ENVOY_ADMIN_ACCESS_PORT"] = "9901",
        }, Pairs(container["environment"]!));
        var command = container["healthCheck"]!["command"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal("CMD-SHELL", command[0]);
        Assert.Contains("http://localhost:9901/ready", command[1]);
    }

    [Fact]
    public void An_instance_address_makes_the_task_announce_itself_to_the_registry()
    {
        var env = TaskDefinitionFragment.Environment(Inputs() with { InstanceAddress = "10.0.3.7", InstancePort = 8080 });
        Assert.Equal("10.0.3.7", env["CLOUDMESH_INSTANCE_ADDRESS"]);
        Assert.Equal("8080", env["CLOUDMESH_INSTANCE_PORT"]);

        var without = TaskDefinitionFragment.Environment(Inputs() with { InstancePort = 8080 });
        Assert.DoesNotContain(without.Keys, k => k.StartsWith("CLOUDMESH_INSTANCE_", StringComparison.Ordinal));
    }

    [Fact]
    public void No_egress_ignored_ips_leaves_the_property_out_and_bad_ports_are_refused()
    {
        var fragment = TaskDefinitionFragment.Build(Inputs() with { EgressIgnoredIPs = [] });
        Assert.DoesNotContain("EgressIgnoredIPs", Pairs(fragment["proxyConfiguration"]!["properties"]!).Keys);

        Assert.Throws<ArgumentException>(() => TaskDefinitionFragment.Build(Inputs() with { AppPorts = [] }));
        Assert.Throws<ArgumentException>(() => TaskDefinitionFragment.Build(Inputs(70000)));
        Assert.Throws<ArgumentException>(() => TaskDefinitionFragment.Build(Inputs() with { InstanceAddress = "10.0.0.1", InstancePort = 0 }));
    }

    [Fact]
    public void The_fragment_is_a_valid_partial_RegisterTaskDefinition_request_in_botocores_ECS_model()
    {
        var fragment = TaskDefinitionFragment.Build(Inputs(8080, 9090) with { InstanceAddress = "10.0.3.7" });

        // The request requires family; the fragment is merged into a task definition that has one.
        var request = fragment.DeepClone().AsObject();
        request["family"] = "web";
        Assert.Empty(Ecs.Value.Validate(request, "RegisterTaskDefinitionRequest"));
        Assert.Equal(["$: required member 'family' of RegisterTaskDefinitionRequest is missing"], Ecs.Value.Validate(fragment, "RegisterTaskDefinitionRequest"));

        // An application container depending on the proxy is valid too.
        var app = new JsonObject { ["name"] = "app", ["image"] = "shop/web", ["dependsOn"] = new JsonArray(TaskDefinitionFragment.AppDependency("envoy")) };
        Assert.Empty(Ecs.Value.Validate(app, "ContainerDefinition"));
    }

    [Fact]
    public void The_validator_catches_unknown_members_wrong_types_bad_enums_and_missing_required_members()
    {
        var request = TaskDefinitionFragment.Build(Inputs()).DeepClone().AsObject();
        request["family"] = "web";
        request["proxyConfiguration"]!["type"] = "ENVOY";
        request["proxyConfiguration"]!.AsObject().Remove("containerName");
        var container = request["containerDefinitions"]![0]!;
        container["healthCheck"]!["interval"] = "5";
        container["healthCheck"]!.AsObject().Remove("command");
        container["essential"] = "true";
        container["environment"]![0]!["key"] = "x";
        container["dependsOn"] = new JsonArray(new JsonObject { ["containerName"] = "envoy", ["condition"] = "READY" });
        request["dependsOn"] = new JsonArray();

        var errors = Ecs.Value.Validate(request, "RegisterTaskDefinitionRequest");

        Assert.Contains("$: RegisterTaskDefinitionRequest has no member 'dependsOn'", errors);
        Assert.Contains(errors, e => e.StartsWith("$.proxyConfiguration.type: 'ENVOY' is not one of ProxyConfigurationType's values", StringComparison.Ordinal));
        Assert.Contains("$.proxyConfiguration: required member 'containerName' of ProxyConfiguration is missing", errors);
        Assert.Contains("$.containerDefinitions[0].healthCheck: required member 'command' of HealthCheck is missing", errors);
        Assert.Contains("$.containerDefinitions[0].healthCheck.interval: expected integer (BoxedInteger), got String", errors);
        Assert.Contains("$.containerDefinitions[0].essential: expected boolean (BoxedBoolean), got String", errors);
        Assert.Contains("$.containerDefinitions[0].environment[0]: KeyValuePair has no member 'key'", errors);
        Assert.Contains(errors, e => e.StartsWith("$.containerDefinitions[0].dependsOn[0].condition: 'READY' is not one of ContainerCondition's values", StringComparison.Ordinal));
        Assert.Equal(8, errors.Count);
    }

    /// <summary>ECS name/value pairs as a dictionary.</summary>
    internal static Dictionary<string, string> Pairs(JsonNode list) =>
        list.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["value"]!.GetValue<string>());
}
