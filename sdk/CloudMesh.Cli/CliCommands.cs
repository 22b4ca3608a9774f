using System.CommandLine;
using CloudMesh.Cli.Commands;
using CloudMesh.Cli.Configuration;
using CloudMesh.Cli.Output;

namespace CloudMesh.Cli;

/// <summary>The command tree of <c>cloudmesh</c> and the options every command shares.</summary>
internal static class CliCommands
{
    /// <summary>The API's address; also <c>CLOUDMESH_ENDPOINT</c>, <c>AWS_ENDPOINT_URL_APP_MESH</c>, <c>AWS_ENDPOINT_URL</c>.</summary>
    public static readonly Option<string?> Endpoint = new("--endpoint-url", "--endpoint")
    {
        Description = $"CloudMesh's API address (env CLOUDMESH_ENDPOINT; default {CliSettings.DefaultEndpoint})",
        Recursive = true,
    };

    /// <summary>The AWS profile whose tenant credentials sign App Mesh calls.</summary>
    public static readonly Option<string?> Profile = new("--profile")
    {
        Description = "AWS profile with the tenant's access key (env AWS_PROFILE; default: environment keys, then the 'cloudmesh' profile)",
        Recursive = true,
    };

    /// <summary>The SigV4 signing region.</summary>
    public static readonly Option<string?> Region = new("--region")
    {
        Description = "Signing region (env AWS_REGION; default the profile's, else us-east-1)",
        Recursive = true,
    };

    /// <summary>The admin bearer token for tenant and key commands.</summary>
    public static readonly Option<string?> AdminToken = new("--admin-token")
    {
        Description = "Admin token for tenants/keys (env CLOUDMESH_ADMIN_TOKEN; default $CLOUDMESH_HOME/admin-token)",
        Recursive = true,
    };

    /// <summary>The output format of commands that print resources.</summary>
    public static Option<OutputFormat> Output(OutputFormat defaultFormat) => new("--output", "-o")
    {
        Description = "Output format: table, json or yaml",
        DefaultValueFactory = _ => defaultFormat,
    };

    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("cloudmesh: run CloudMesh, apply meshes declared in YAML, and manage tenants and keys.");
        root.Options.Add(Endpoint);
        root.Options.Add(Profile);
        root.Options.Add(Region);
        root.Options.Add(AdminToken);
        root.Subcommands.Add(UpCommand.Build());
        root.Subcommands.Add(ApplyCommand.Build());
        root.Subcommands.Add(GetCommand.Build());
        root.Subcommands.Add(DescribeCommand.Build());
        root.Subcommands.Add(DeleteCommand.Build());
        root.Subcommands.Add(TenantsCommand.Build());
        root.Subcommands.Add(KeysCommand.Build());
        root.Subcommands.Add(ProxyCommand.Build());
        return root;
    }
}
