using System.Text.Json.Nodes;
using CloudMesh.Cli.Tests.Commands;
using CloudMesh.TestSupport;
using Xunit;

namespace CloudMesh.Cli.Tests.Ecs;

/// <summary><c>cloudmesh proxy ecs</c> against the real API: the node's ARN and listener ports, an issued token.</summary>
[Collection(CliServerCollection.Name)]
public sealed class ProxyEcsCommandTests(CliTestServer server) : IDisposable
{
    private readonly TempDirectory _files = new("cloudmesh-cli-proxy-ecs");

    [Fact]
    public async Task Proxy_ecs_prints_a_valid_fragment_for_the_nodes_listener_ports_with_an_issued_token()
    {
        var (cli, tenant) = await server.NewTenantCliAsync();
        using var _cli = cli;
        var file = _files.Combine("shop.yaml");
        await File.WriteAllTextAsync(file, """
            cloudmesh: v1
            mesh: shop
            virtualNodes:
              web:
                spec:
                  listeners: [{portMapping: {port: 8080, protocol: http}}, {portMapping: {port: 9090, protocol: grpc}}]
                  serviceDiscovery: {dns: {hostname: web.local}}
            """);
        (await cli.RunAsync("apply", "-f", file)).Succeeded();

        var result = (await cli.RunAsync("proxy", "ecs", "-m", "shop", "--virtual-node", "web", "--xds-endpoint", "http://cp.internal:8081", "-o", "json")).Succeeded();
        var fragment = JsonNode.Parse(result.Out)!.AsObject();
        var properties = TaskDefinitionFragmentTests.Pairs(fragment["proxyConfiguration"]!["properties"]!);
        Assert.Equal("8080,9090", properties["AppPorts"]);
        var env = TaskDefinitionFragmentTests.Pairs(fragment["containerDefinitions"]![0]!["environment"]!);
        Assert.Equal($"arn:aws:appmesh:us-east-1:{tenant.AccountId}:mesh/shop/virtualNode/web", env["APPMESH_RESOURCE_ARN"]);
        Assert.Equal("http://cp.internal:8081", env["APPMESH_XDS_ENDPOINT"]);
        Assert.False(string.IsNullOrEmpty(env["CLOUDMESH_XDS_TOKEN"]));
        var tokens = JsonNode.Parse((await cli.RunAsync("keys", "xds", "list", tenant.AccountId, "-o", "json")).Succeeded().Out)!.AsArray();
        Assert.Equal("cloudmesh proxy ecs mesh/shop/virtualNode/web", Assert.Single(tokens)!["description"]!.GetValue<string>());

        fragment["family"] = "web";
        Assert.Empty(BotocoreShapes.Ecs().Validate(fragment, "RegisterTaskDefinitionRequest"));

        var given = JsonNode.Parse((await cli.RunAsync("proxy", "ecs", "-m", "shop", "--virtual-node", "web", "--xds-token", "mine",
            "--app-ports", "7000", "--instance-address", "10.0.3.7")).Succeeded().Out)!;
        var givenEnv = TaskDefinitionFragmentTests.Pairs(given["containerDefinitions"]![0]!["environment"]!);
        Assert.Equal("mine", givenEnv["CLOUDMESH_XDS_TOKEN"]);
        Assert.Equal("10.0.3.7", givenEnv["CLOUDMESH_INSTANCE_ADDRESS"]);
        Assert.Equal("7000", TaskDefinitionFragmentTests.Pairs(given["proxyConfiguration"]!["properties"]!)["AppPorts"]);

        var bad = await cli.RunAsync("proxy", "ecs", "-m", "shop", "--virtual-node", "web", "--xds-token", "mine", "--app-ports", "http");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'http' is not a port number", bad.Error);
    }

    /// <inheritdoc />
    public void Dispose() => _files.Dispose();
}
