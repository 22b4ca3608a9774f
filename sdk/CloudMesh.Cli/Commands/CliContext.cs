using System.CommandLine;
using CloudMesh.Cli.Configuration;
using CloudMesh.Cli.Resources;
using CloudMesh.Sdk.Admin;
using CloudMesh.Sdk.AppMesh;
using CloudMesh.Sdk.Resources;

namespace CloudMesh.Cli.Commands;

/// <summary>What one command invocation works with: its parse result, the resolved settings and the clients.</summary>
internal sealed class CliContext(ParseResult parse)
{
    /// <summary>The parsed command line.</summary>
    public ParseResult Parse { get; } = parse;

    /// <summary>Endpoint, home, token and profile, resolved from the options and the environment.</summary>
    public CliSettings Settings { get; } = CliSettings.Resolve(
        parse.GetValue(CliCommands.Endpoint), parse.GetValue(CliCommands.Profile), parse.GetValue(CliCommands.Region),
        parse.GetValue(CliCommands.AdminToken), Environment.GetEnvironmentVariable);

    /// <summary>A client of the admin API (needs the admin token).</summary>
    public CloudMeshAdminClient AdminClient() => new(Settings.Endpoint, Settings.RequireAdminToken());

    /// <summary>The App Mesh API, signed with the tenant credentials the settings resolve to.</summary>
    public MeshResources MeshResources()
    {
        var (credentials, region, _) = TenantCredentials.Resolve(Settings, Environment.GetEnvironmentVariable);
        var config = new AmazonAppMeshConfig
        {
            ServiceURL = Settings.Endpoint.ToString(),
            AuthenticationRegion = region,
        };
        return new MeshResources(new AmazonAppMeshClient(credentials, config));
    }
}
