using System.Diagnostics;
using System.Text.Json.Nodes;
using CloudMesh.TestSupport;
using Xunit;

namespace CloudMesh.Cli.Tests.Commands;

/// <summary>
/// <c>cloudmesh up</c> as a user runs it on a fresh machine: no database configured, so it provisions its own
/// PostgreSQL under CloudMesh's home; the AWS profile it writes works with the real AWS CLI; data survives a restart.
/// </summary>
public sealed class UpCommandTests
{
    [Fact]
    public async Task Up_provisions_its_database_writes_a_working_aws_profile_and_keeps_data_across_restarts()
    {
        var cli = new CliRunner(new Dictionary<string, string>());
        using var _cli = cli;
        var api = $"http://127.0.0.1:{FreePort.Get()}";

        await using (var up = await StartUpAsync(cli, api))
        {
            Assert.Contains("initdb", up.Output);
            var config = await File.ReadAllTextAsync(Path.Combine(cli.Home, ".aws", "config"));
            Assert.Contains($"endpoint_url = {api}", config);

            // The real AWS CLI, configured only by the profile `up` wrote (no --endpoint-url).
            await RunAwsAsync(cli.Home, "appmesh", "create-mesh", "--mesh-name", "from-aws-cli", "--profile", "cloudmesh");
            var meshes = JsonNode.Parse((await cli.RunAsync("get", "meshes", "-o", "json")).Succeeded().Out)!.AsArray();
            Assert.Equal("from-aws-cli", Assert.Single(meshes)!["meshName"]!.GetValue<string>());

            up.Terminate();
            Assert.True(await up.WaitForExitAsync(Eventually.SafetyTimeout), up.Output);
            Assert.Equal(0, up.ExitCode);
            Assert.Contains("Stopping", up.Output);
        }

        await using (var again = await StartUpAsync(cli, api))
        {
            Assert.DoesNotContain("initdb", again.Output);
            var meshes = JsonNode.Parse((await cli.RunAsync("get", "meshes", "-o", "json")).Succeeded().Out)!.AsArray();
            Assert.Equal("from-aws-cli", Assert.Single(meshes)!["meshName"]!.GetValue<string>());
        }
    }

    private static async Task<OsProcess> StartUpAsync(CliRunner cli, string api)
    {
        var start = cli.StartInfo(["up", "--urls", api, "--xds-url", $"http://127.0.0.1:{FreePort.Get()}"]);
        var process = OsProcess.Start("cloudmesh-up", start.FileName, start.ArgumentList,
            start.Environment.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!));
        await Eventually.TrueAsync(() => process.Output.Contains("CloudMesh is up.") || process.HasExited, "cloudmesh up to be ready");
        Assert.False(process.HasExited, process.Output);
        return process;
    }

    private static async Task RunAwsAsync(string home, params string[] args)
    {
        var start = new ProcessStartInfo("aws", args);
        start.Environment["HOME"] = home;
        foreach (var name in new[] { "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE" })
        {
            start.Environment.Remove(name);
        }

        var aws = await ProcessRunner.RunToEndAsync(start, Eventually.SafetyTimeout);
        Assert.True(aws.ExitCode == 0, $"aws {string.Join(' ', args)}: {aws}");
    }
}
