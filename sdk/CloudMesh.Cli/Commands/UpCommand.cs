using System.CommandLine;
using System.Diagnostics;
using CloudMesh.Api.Hosting;
using CloudMesh.Cli.Configuration;
using CloudMesh.Cli.Output;

namespace CloudMesh.Cli.Commands;

/// <summary>
/// <c>cloudmesh up</c>: a single-node CloudMesh on this machine, in this process: the App Mesh API, the control plane
/// (xDS) and, unless <c>CLOUDMESH_DB</c> names one, a private PostgreSQL cluster under CloudMesh's home that is
/// reused on the next start. On the way it says what it does; once up it prints the endpoints and the default
/// tenant's credentials and saves them as the AWS profile <c>cloudmesh</c> (with region and endpoint), so
/// <c>aws appmesh list-meshes --profile cloudmesh</c> and every other <c>cloudmesh</c> command work at once.
/// Runs until Ctrl-C or SIGTERM.
/// </summary>
internal static class UpCommand
{
    /// <summary>The line printed once CloudMesh serves requests (scripts and tests wait for it).</summary>
    public const string ReadyLine = "CloudMesh is up.";

    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var urls = new Option<string?>("--urls") { Description = $"Where the API listens (env ASPNETCORE_URLS; default {CloudMeshHost.DefaultUrl})" };
        var xdsUrl = new Option<string?>("--xds-url") { Description = $"Where the control plane serves xDS, or 'off' (env CLOUDMESH_XDS_URL; default {CloudMeshOptions.DefaultXdsUrl})" };
        var database = new Option<string?>("--db") { Description = "Npgsql connection string of an existing PostgreSQL (env CLOUDMESH_DB; default: a private cluster under the home folder)" };
        var home = new Option<string?>("--home") { Description = "CloudMesh's home folder: private database, keys, tokens (env CLOUDMESH_HOME; default ~/.cloudmesh)" };
        var profile = new Option<string>("--write-profile")
        {
            Description = "AWS profile to save the default tenant's credentials as; 'none' to skip",
            DefaultValueFactory = _ => TenantCredentials.CloudMeshProfile,
        };
        var up = new Command("up", "Run CloudMesh on this machine: API, control plane and its own PostgreSQL") { urls, xdsUrl, database, home, profile };
        CommandAction.Set(up, async (cli, ct) =>
        {
            var options = CloudMeshOptions.FromEnvironment(Environment.GetEnvironmentVariable);
            options.Database = cli.Parse.GetValue(database) ?? options.Database;
            options.Home = cli.Parse.GetValue(home) ?? options.Home;
            options.Region = cli.Parse.GetValue(CliCommands.Region) ?? options.Region;
            if (cli.Parse.GetValue(xdsUrl) is { } xds)
            {
                options.XdsUrl = xds == "off" ? null : xds;
            }

            var args = cli.Parse.GetValue(urls) is { } listen ? new[] { "--urls", listen } : [];
            var clock = Stopwatch.StartNew();
            void Step(string line) => CliOutput.Note($"[{clock.Elapsed.TotalSeconds,5:0.0}s] {line}");

            Step(options.Database is null ? $"Starting CloudMesh (home {options.Home})..." : "Starting CloudMesh with the configured database...");
            await using var server = await CloudMeshHost.StartAsync(options, args, Step, ct);
            Step($"API listening on {server.Endpoint}");
            Step(server.XdsEndpoint is { } xdsEndpoint ? $"Control plane (xDS/ADS) listening on {xdsEndpoint}" : "Control plane off");
            Step($"Admin token {(server.AdminTokenFile is { } file ? "in " + file : "from CLOUDMESH_ADMIN_TOKEN")}");

            var credentialsFile = Path.Combine(options.Home, "default-tenant.credentials");
            if (server.Guidance.Length > 0)
            {
                Console.Out.Write(server.Guidance);
            }

            var profileName = cli.Parse.GetValue(profile)!;
            if (profileName != "none" && DefaultTenantKey.TryRead(credentialsFile, out var key))
            {
                var written = AwsProfileWriter.Write(profileName, key.AccessKeyId, key.SecretAccessKey, options.Region, server.Endpoint);
                Step($"Saved the default tenant's key as AWS profile '{profileName}' in {written} (region {options.Region}, endpoint_url {server.Endpoint})");
                Console.Out.WriteLine($"Try: aws appmesh list-meshes --profile {profileName}    or: cloudmesh get meshes");
            }

            Console.Out.WriteLine(ReadyLine);
            await server.WaitForShutdownAsync(ct);
            Step("Stopping...");
            return CliExitCodes.Ok;
        });
        return up;
    }
}
