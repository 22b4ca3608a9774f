using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Cli.Output;
using CloudMesh.Sdk.Admin;
using CloudMesh.Sdk.Resources;

namespace CloudMesh.Cli.Commands;

/// <summary>
/// <c>cloudmesh proxy run</c>: starts the CloudMesh proxy (CloudMesh.Proxy.dll, shipped with the CLI) as the sidecar of
/// a virtual node or the gateway of a virtual gateway, with the environment App Mesh's Envoy image expects
/// (<c>APPMESH_RESOURCE_ARN</c>, <c>APPMESH_XDS_ENDPOINT</c>) and an xDS token. The resource must exist (its ARN comes
/// from the API). Without <c>--xds-token</c> or <c>CLOUDMESH_XDS_TOKEN</c> it issues a token through the admin API and
/// revokes it when the proxy exits. <c>--print-env</c> prints the environment instead, for a unit file or task definition.
/// </summary>
internal static class ProxyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var mesh = new Option<string>("--mesh", "-m") { Description = "The mesh", Required = true };
        var node = new Option<string?>("--virtual-node") { Description = "Run as the sidecar of this virtual node" };
        var gateway = new Option<string?>("--virtual-gateway") { Description = "Run as this virtual gateway" };
        var xdsEndpoint = new Option<string?>("--xds-endpoint") { Description = "The control plane's xDS address (env APPMESH_XDS_ENDPOINT; default http://127.0.0.1:8081)" };
        var xdsToken = new Option<string?>("--xds-token") { Description = "xDS token (env CLOUDMESH_XDS_TOKEN; default: issue one with the admin token, revoked on exit)" };
        var adminPort = new Option<int?>("--admin-port") { Description = "The proxy's Envoy-style admin port (default 9901)" };
        var env = new Option<string[]>("--env", "-e") { Description = "Extra proxy environment NAME=VALUE (repeatable), e.g. CLOUDMESH_PROXY_INGRESS_PORT=8000" };
        var printEnv = new Option<bool>("--print-env") { Description = "Print the proxy's environment (NAME=VALUE lines) instead of starting it" };
        var run = new Command("run", "Start the CloudMesh proxy for a virtual node or virtual gateway")
        {
            mesh, node, gateway, xdsEndpoint, xdsToken, adminPort, env, printEnv,
        };
        CommandAction.Set(run, async (cli, ct) =>
        {
            var (nodeName, gatewayName) = (cli.Parse.GetValue(node), cli.Parse.GetValue(gateway));
            if ((nodeName is null) == (gatewayName is null))
            {
                throw new CliException("Pass exactly one of --virtual-node and --virtual-gateway.", CliExitCodes.Usage);
            }

            var key = nodeName is not null
                ? new ResourceKey(ResourceKinds.VirtualNode, cli.Parse.GetRequiredValue(mesh), "", nodeName)
                : new ResourceKey(ResourceKinds.VirtualGateway, cli.Parse.GetRequiredValue(mesh), "", gatewayName!);
            var (arn, _) = await DescribeAsync(cli, key, ct);
            var environment = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["APPMESH_RESOURCE_ARN"] = arn,
                ["APPMESH_XDS_ENDPOINT"] = XdsEndpointOf(cli.Parse.GetValue(xdsEndpoint)),
            };
            if (cli.Parse.GetValue(adminPort) is { } port)
            {
                environment["ENVOY_ADMIN_ACCESS_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            foreach (var pair in cli.Parse.GetValue(env) ?? [])
            {
                var parts = pair.Split('=', 2);
                if (parts.Length != 2 || parts[0].Length == 0)
                {
                    throw new CliException($"--env '{pair}': expected NAME=VALUE.", CliExitCodes.Usage);
                }

                environment[parts[0]] = parts[1];
            }

            var printOnly = cli.Parse.GetValue(printEnv);
            var token = GivenXdsToken(cli.Parse.GetValue(xdsToken));
            (string Account, string TokenId)? issued = null;
            if (token is null)
            {
                // A token issued for --print-env serves a deployment that outlives this command: it stays.
                var created = await IssueXdsTokenAsync(cli, arn, "cloudmesh proxy run", printOnly ? "" : " (revoked when the proxy exits)", ct);
                token = created.Token;
                issued = printOnly ? null : (created.Account, created.TokenId);
            }

            environment["CLOUDMESH_XDS_TOKEN"] = token;
            if (printOnly)
            {
                foreach (var (name, value) in environment)
                {
                    Console.Out.WriteLine($"{name}={value}");
                }

                return CliExitCodes.Ok;
            }

            try
            {
                return await RunProxyAsync(environment);
            }
            finally
            {
                if (issued is { } revoke)
                {
                    using var admin = cli.AdminClient();
                    await admin.DeleteXdsTokenAsync(revoke.Account, revoke.TokenId, CancellationToken.None);
                }
            }
        });

        var proxy = new Command("proxy", "The CloudMesh proxy (sidecar and gateway)");
        proxy.Subcommands.Add(run);
        proxy.Subcommands.Add(ProxyEcsCommand.Build());
        return proxy;
    }

    /// <summary>Describes the virtual node or gateway (it must exist): its ARN and the API's document.</summary>
    internal static async Task<(string Arn, System.Text.Json.Nodes.JsonObject Data)> DescribeAsync(CliContext cli, ResourceKey key, CancellationToken ct)
    {
        using var resources = cli.MeshResources();
        var data = await resources.DescribeAsync(key, ct);
        var arn = data["metadata"]?["arn"]?.GetValue<string>() ?? throw new CliException($"The API returned no ARN for {key.Describe()}.");
        return (arn, data);
    }

    /// <summary>The xDS endpoint: the option, else <c>APPMESH_XDS_ENDPOINT</c>, else the local default.</summary>
    internal static string XdsEndpointOf(string? option) =>
        option ?? Environment.GetEnvironmentVariable("APPMESH_XDS_ENDPOINT") ?? "http://127.0.0.1:8081";

    /// <summary>The xDS token given by option or <c>CLOUDMESH_XDS_TOKEN</c>; null when there is none.</summary>
    internal static string? GivenXdsToken(string? option)
    {
        var token = option ?? Environment.GetEnvironmentVariable("CLOUDMESH_XDS_TOKEN");
        return string.IsNullOrEmpty(token) ? null : token;
    }

    /// <summary>Issues an xDS token for the resource's account through the admin API and notes it on standard error.</summary>
    internal static async Task<(string Account, string TokenId, string Token)> IssueXdsTokenAsync(
        CliContext cli, string arn, string purpose, string noteSuffix, CancellationToken ct)
    {
        var account = arn.Split(':')[4];
        using var admin = cli.AdminClient();
        var created = await admin.CreateXdsTokenAsync(account, $"{purpose} {ResourcePathOf(arn)}", ct);
        CliOutput.Note($"Issued xDS token {created.TokenId} for {ResourcePathOf(arn)}{noteSuffix}.");
        return (account, created.TokenId, created.Token);
    }

    /// <summary>Runs the proxy as a child process with stdio passed through; SIGTERM and SIGINT reach it as they are.</summary>
    private static async Task<int> RunProxyAsync(IReadOnlyDictionary<string, string> environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CloudMesh.Proxy.dll");
        if (!File.Exists(dll))
        {
            throw new CliException($"The proxy is missing from this installation ({dll}).");
        }

        // The proxy's own runtimeconfig (workstation GC, no thread-pool spinning) only applies in its own process.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new CliException("Could not start the proxy.");
        // Ctrl-C reaches the whole process group; SIGTERM (an orchestrator stopping us) must be passed on so the
        // proxy drains instead of being orphaned. Either way this process waits for the proxy to finish.
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _ = Kill(process.Id, 15);
        });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static string ResourcePathOf(string arn) => arn[(arn.IndexOf(":mesh/", StringComparison.Ordinal) + 1)..];

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
