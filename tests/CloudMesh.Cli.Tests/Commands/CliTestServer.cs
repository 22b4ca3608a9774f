using CloudMesh.TestSupport.ApiServer;
using Xunit;

namespace CloudMesh.Cli.Tests.Commands;

/// <summary>
/// One real CloudMesh server (API and control plane, real PostgreSQL) shared by the CLI's process tests, and a way to
/// get a CLI runner signed in as a fresh tenant with the admin token at hand.
/// </summary>
public sealed class CliTestServer : CloudMeshApiFixture
{
    /// <summary>A runner for a new tenant: endpoint, the tenant's keys in the environment, and the admin token.</summary>
    public async Task<(CliRunner Cli, TenantCredentials Tenant)> NewTenantCliAsync(string name = "cli")
    {
        var tenant = await CreateTenantAsync(name);
        var cli = new CliRunner(new Dictionary<string, string>
        {
            ["CLOUDMESH_ENDPOINT"] = Endpoint.ToString(),
            ["CLOUDMESH_ADMIN_TOKEN"] = Server.AdminToken,
            ["AWS_ACCESS_KEY_ID"] = tenant.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = tenant.SecretAccessKey,
        });
        return (cli, tenant);
    }
}

/// <summary>The CLI process tests share one server.</summary>
[CollectionDefinition(Name)]
public sealed class CliServerCollection : ICollectionFixture<CliTestServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "cloudmesh CLI against a real server";
}
