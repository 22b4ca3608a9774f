using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CloudMesh.TestSupport;
using Xunit;

namespace CloudMesh.Cli.Tests.Commands;

/// <summary><c>cloudmesh proxy run</c> starting the real CloudMesh proxy against the real control plane.</summary>
[Collection(CliServerCollection.Name)]
public sealed class ProxyCommandTests(CliTestServer server) : IDisposable
{
    private static int _nextAddress;
    private readonly TempDirectory _files = new("cloudmesh-cli-proxy");

    [Fact]
    public async Task Proxy_run_serves_a_virtual_node_with_an_issued_token_that_is_revoked_when_it_stops()
    {
        var (cli, tenant) = await server.NewTenantCliAsync();
        using var _cli = cli;
        await ApplyMeshAsync(cli);
        var address = $"127.78.0.{Interlocked.Increment(ref _nextAddress)}";
        var adminPort = FreePort.Get();

        var start = cli.StartInfo([
            "proxy", "run", "-m", "shop", "--virtual-node", "web", "--xds-endpoint", server.Server.XdsEndpoint!.ToString(),
            "--admin-port", adminPort.ToString(CultureInfo.InvariantCulture),
            "-e", $"CLOUDMESH_PROXY_BIND_ADDRESS={address}", "-e", $"CLOUDMESH_PROXY_STATE_FILE={_files.Combine("web.xds-state")}",
            "-e", "CLOUDMESH_PROXY_DRAIN_SECONDS=1",
        ]);
        await using var proxy = OsProcess.Start("cloudmesh-proxy-run", start.FileName, start.ArgumentList,
            start.Environment.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!));
        using var admin = new HttpClient { BaseAddress = new Uri($"http://{address}:{adminPort}/") };
        await Eventually.TrueAsync(async () =>
        {
            Assert.False(proxy.HasExited, proxy.Output);
            try
            {
                return (await admin.GetAsync("ready")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the proxy started by `cloudmesh proxy run` to be ready");

        var info = await admin.GetStringAsync("server_info");
        Assert.Contains($"arn:aws:appmesh:us-east-1:{tenant.AccountId}:mesh/shop/virtualNode/web", info);
        var tokens = JsonNode.Parse((await cli.RunAsync("keys", "xds", "list", tenant.AccountId, "-o", "json")).Succeeded().Out)!.AsArray();
        Assert.Equal("cloudmesh proxy run mesh/shop/virtualNode/web", Assert.Single(tokens)!["description"]!.GetValue<string>());

        proxy.Terminate();
        Assert.True(await proxy.WaitForExitAsync(Eventually.SafetyTimeout), proxy.Output);
        Assert.Equal(0, proxy.ExitCode);
        Assert.Empty(JsonNode.Parse((await cli.RunAsync("keys", "xds", "list", tenant.AccountId, "-o", "json")).Succeeded().Out)!.AsArray());
    }

    [Fact]
    public async Task Print_env_gives_the_environment_of_a_gateway_with_a_token_that_stays()
    {
        var (cli, tenant) = await server.NewTenantCliAsync();
        using var _cli = cli;
        await ApplyMeshAsync(cli);

        var result = (await cli.RunAsync("proxy", "run", "-m", "shop", "--virtual-gateway", "edge", "--print-env", "--xds-endpoint", "http://cp.internal:8081")).Succeeded();
        var env = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal($"arn:aws:appmesh:us-east-1:{tenant.AccountId}:mesh/shop/virtualGateway/edge", env["APPMESH_RESOURCE_ARN"]);
        Assert.Equal("http://cp.internal:8081", env["APPMESH_XDS_ENDPOINT"]);
        Assert.False(string.IsNullOrEmpty(env["CLOUDMESH_XDS_TOKEN"]));
        Assert.Single(JsonNode.Parse((await cli.RunAsync("keys", "xds", "list", tenant.AccountId, "-o", "json")).Succeeded().Out)!.AsArray());

        var given = (await cli.RunAsync("proxy", "run", "-m", "shop", "--virtual-gateway", "edge", "--print-env", "--xds-token", "mine")).Succeeded();
        Assert.Contains("CLOUDMESH_XDS_TOKEN=mine", given.Out);
    }

    [Fact]
    public async Task Proxy_run_for_a_missing_node_or_without_a_resource_fails_clearly()
    {
        var (cli, _) = await server.NewTenantCliAsync();
        using var _cli = cli;
        await ApplyMeshAsync(cli);

        var missing = await cli.RunAsync("proxy", "run", "-m", "shop", "--virtual-node", "nope");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("NotFoundException", missing.Error);

        var neither = await cli.RunAsync("proxy", "run", "-m", "shop");
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("exactly one of --virtual-node and --virtual-gateway", neither.Error);
    }

    /// <inheritdoc />
    public void Dispose() => _files.Dispose();

    private async Task ApplyMeshAsync(CliRunner cli)
    {
        var file = _files.Combine($"shop-{Guid.NewGuid():n}.yaml");
        await File.WriteAllTextAsync(file, $$$"""
            cloudmesh: v1
            mesh: shop
            virtualNodes:
              web:
                spec:
                  listeners: [{portMapping: {port: {{{FreePort.Get()}}}, protocol: http}}]
                  serviceDiscovery: {dns: {hostname: web.local}}
            virtualGateways:
              edge:
                spec:
                  listeners: [{portMapping: {port: 8088, protocol: http}}]
            """);
        (await cli.RunAsync("apply", "-f", file)).Succeeded();
    }
}
