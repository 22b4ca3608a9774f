using System.Text.Json.Nodes;
using Xunit;

namespace CloudMesh.Cli.Tests.Commands;

/// <summary><c>cloudmesh tenants</c> and <c>cloudmesh keys</c> as a user runs them, against a real server.</summary>
[Collection(CliServerCollection.Name)]
public sealed class AdminCommandsTests(CliTestServer server)
{
    [Fact]
    public async Task Tenants_are_created_listed_described_limited_and_deleted()
    {
        var (cli, _) = await server.NewTenantCliAsync();
        using var _cli = cli;

        var created = JsonNode.Parse((await cli.RunAsync("tenants", "create", "acme", "--with-key", "-o", "json")).Succeeded().Out)!;
        var account = created["accountId"]!.GetValue<string>();
        Assert.Equal("acme", created["name"]!.GetValue<string>());
        Assert.StartsWith("AKIA", created["accessKeyId"]!.GetValue<string>());

        var listed = JsonNode.Parse((await cli.RunAsync("tenants", "list", "-o", "json")).Succeeded().Out)!.AsArray();
        Assert.Contains(listed, t => t!["accountId"]!.GetValue<string>() == account);
        var table = (await cli.RunAsync("tenants", "list")).Succeeded().Out;
        Assert.Contains("ACCOUNT ID", table);
        Assert.Contains(account, table);

        var limits = JsonNode.Parse((await cli.RunAsync("tenants", "limits", account, "--requests-per-second", "7", "--quota", "meshes=3", "-o", "json")).Succeeded().Out)!;
        Assert.Equal(7, limits["requestsPerSecond"]!.GetValue<int>());
        Assert.Equal(3, limits["quotas"]!["meshes"]!.GetValue<int>());

        var described = (await cli.RunAsync("tenants", "describe", account)).Succeeded().Out;
        Assert.Contains($"accountId: \"{account}\"", described);
        Assert.Contains("meshes: 3", described);
        Assert.Contains(created["accessKeyId"]!.GetValue<string>(), described);

        (await cli.RunAsync("tenants", "delete", account)).Succeeded();
        var missing = await cli.RunAsync("tenants", "describe", account);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("NotFoundException", missing.Error);
    }

    [Fact]
    public async Task Access_keys_and_xds_tokens_are_created_listed_and_revoked()
    {
        var (cli, tenant) = await server.NewTenantCliAsync();
        using var _cli = cli;

        var key = JsonNode.Parse((await cli.RunAsync("keys", "create", tenant.AccountId, "-o", "json")).Succeeded().Out)!;
        var keyId = key["accessKeyId"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(key["secretAccessKey"]!.GetValue<string>()));
        var keys = (await cli.RunAsync("keys", "list", tenant.AccountId)).Succeeded().Out;
        Assert.Contains(keyId, keys);
        Assert.Contains(tenant.AccessKeyId, keys);
        (await cli.RunAsync("keys", "delete", tenant.AccountId, keyId)).Succeeded();
        Assert.DoesNotContain(keyId, (await cli.RunAsync("keys", "list", tenant.AccountId)).Succeeded().Out);

        var token = JsonNode.Parse((await cli.RunAsync("keys", "xds", "create", tenant.AccountId, "--description", "edge proxies", "-o", "json")).Succeeded().Out)!;
        var tokenId = token["tokenId"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(token["token"]!.GetValue<string>()));
        var tokens = JsonNode.Parse((await cli.RunAsync("keys", "xds", "list", tenant.AccountId, "-o", "json")).Succeeded().Out)!.AsArray();
        Assert.Equal("edge proxies", Assert.Single(tokens)!["description"]!.GetValue<string>());
        (await cli.RunAsync("keys", "xds", "delete", tenant.AccountId, tokenId)).Succeeded();
        Assert.Empty(JsonNode.Parse((await cli.RunAsync("keys", "xds", "list", tenant.AccountId, "-o", "json")).Succeeded().Out)!.AsArray());
    }

    [Fact]
    public async Task Keys_create_can_save_an_aws_profile_that_the_cli_then_signs_with()
    {
        var (cli, tenant) = await server.NewTenantCliAsync();
        using var _cli = cli;

        (await cli.RunAsync("keys", "create", tenant.AccountId, "--write-profile", "team-a")).Succeeded();
        var credentials = await File.ReadAllTextAsync(Path.Combine(cli.Home, ".aws", "credentials"));
        var config = await File.ReadAllTextAsync(Path.Combine(cli.Home, ".aws", "config"));
        Assert.Contains("[team-a]", credentials);
        Assert.Contains("[profile team-a]", config);
        Assert.Contains($"endpoint_url = {server.Endpoint.ToString().TrimEnd('/')}", config);

        // Signed with the saved profile only: the environment's keys are removed for this run.
        var meshes = await cli.RunAsync(["get", "meshes", "--profile", "team-a", "-o", "json"],
            new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "", ["AWS_SECRET_ACCESS_KEY"] = "" });
        Assert.Equal("[]", meshes.Succeeded().Out.Trim());
    }

    [Fact]
    public async Task Admin_commands_without_a_token_say_where_to_get_one()
    {
        var cli = new CliRunner(new Dictionary<string, string> { ["CLOUDMESH_ENDPOINT"] = server.Endpoint.ToString() });
        using var _cli = cli;
        var result = await cli.RunAsync("tenants", "list");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No admin token", result.Error);

        var wrong = await cli.RunAsync("tenants", "list", "--admin-token", "not-the-token");
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("cloudmesh: error:", wrong.Error);
    }
}
