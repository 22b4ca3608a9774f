using System.Text.Json.Nodes;
using CloudMesh.Conformance.Tests.Infrastructure;
using CloudMesh.TestSupport;
using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Conformance.Tests;

/// <summary>
/// The newcomer's flow: start the API as a process with a fresh CLOUDMESH_HOME, copy the default tenant's printed
/// credentials into the AWS CLI, restart, and find the same credentials and data still working.
/// </summary>
public sealed class DefaultTenantProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_printed_default_credentials_work_with_the_aws_cli_and_survive_a_restart()
    {
        using var home = new TempDirectory("cloudmesh-newcomer");
        var database = await TestPostgres.CreateDatabaseAsync("newcomer");
        try
        {
            var port = FreePort.Get();
            var environment = new Dictionary<string, string> { ["CLOUDMESH_HOME"] = home.Path, ["CLOUDMESH_DB"] = database };

            TenantCredentials printed;
            await using (var first = CloudMeshProcess.Start(port, environment))
            {
                printed = await ReadPrintedCredentialsAsync(first);
                Assert.Matches("^[0-9]{12}$", printed.AccountId);

                var empty = await ExternalClients.RunAwsCliAsync(first.Endpoint, printed, "appmesh", "list-meshes");
                Assert.True(empty.ExitCode == 0, empty.ToString());
                Assert.Empty(JsonNode.Parse(empty.Stdout)!.At("meshes").AsArray());

                var created = await ExternalClients.RunAwsCliAsync(first.Endpoint, printed, "appmesh", "create-mesh", "--mesh-name", "kept");
                Assert.True(created.ExitCode == 0, created.ToString());
                Assert.Equal(printed.AccountId, JsonNode.Parse(created.Stdout)!.Str("mesh.metadata.meshOwner"));
            }

            await using var second = CloudMeshProcess.Start(port, environment);
            var reprinted = await ReadPrintedCredentialsAsync(second);
            Assert.Equal(printed, reprinted);

            var listed = await ExternalClients.RunAwsCliAsync(second.Endpoint, printed, "appmesh", "list-meshes");
            Assert.True(listed.ExitCode == 0, listed.ToString());
            var meshes = JsonNode.Parse(listed.Stdout)!.At("meshes").AsArray();
            Assert.Equal([("kept", printed.AccountId)], meshes.Select(m => (m!.Str("meshName"), m.Str("meshOwner"))));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    private static async Task<TenantCredentials> ReadPrintedCredentialsAsync(CloudMeshProcess process)
    {
        await process.WaitForOutputAsync(@"CloudMesh API listening on", StartTimeout);
        var account = await process.WaitForOutputAsync(@"account id:\s+([0-9]+)\s*$", StartTimeout);
        var key = await process.WaitForOutputAsync(@"access key id:\s+(\S+)\s*$", StartTimeout);
        var secret = await process.WaitForOutputAsync(@"secret access key:\s+(\S+)\s*$", StartTimeout);
        return new TenantCredentials(account.Groups[1].Value, key.Groups[1].Value, secret.Groups[1].Value);
    }
}
