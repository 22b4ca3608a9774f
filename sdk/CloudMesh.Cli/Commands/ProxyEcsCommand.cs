using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using CloudMesh.Api.Core.Resources;
using CloudMesh.Cli.Ecs;
using CloudMesh.Cli.Output;
using CloudMesh.Sdk.Resources;

namespace CloudMesh.Cli.Commands;

/// <summary>
/// <c>cloudmesh proxy ecs</c>: prints the part of an ECS task definition that runs the CloudMesh proxy as a virtual
/// node's sidecar (<see cref="TaskDefinitionFragment"/>): a partial <c>RegisterTaskDefinition</c> request to merge into
/// the application's. The node must exist (its ARN and listener ports come from the API); without <c>--xds-token</c>
/// or <c>CLOUDMESH_XDS_TOKEN</c> a token is issued through the admin API and stays, like <c>proxy run --print-env</c>.
/// </summary>
internal static class ProxyEcsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var mesh = new Option<string>("--mesh", "-m") { Description = "The mesh", Required = true };
        var node = new Option<string>("--virtual-node") { Description = "The virtual node the task runs", Required = true };
        var appPorts = new Option<string?>("--app-ports") { Description = "The app's ports, comma-separated (default: the node's listener ports)" };
        var image = new Option<string?>("--image") { Description = $"The proxy image (default {TaskDefinitionFragment.DefaultImage})" };
        var xdsEndpoint = new Option<string?>("--xds-endpoint") { Description = "The control plane's xDS address as tasks reach it (env APPMESH_XDS_ENDPOINT; default http://127.0.0.1:8081)" };
        var xdsToken = new Option<string?>("--xds-token") { Description = "xDS token (env CLOUDMESH_XDS_TOKEN; default: issue one with the admin token)" };
        var egressIgnored = new Option<string?>("--egress-ignored-ips") { Description = "Addresses reached without the proxy, comma-separated (default 169.254.170.2,169.254.169.254; '' for none)" };
        var containerName = new Option<string?>("--container-name") { Description = "The proxy container's name (default envoy)" };
        var instanceAddress = new Option<string?>("--instance-address") { Description = "Address the task announces to the registry (CLOUDMESH_INSTANCE_ADDRESS; default: the task's awsvpc address from the task metadata endpoint)" };
        var instancePort = new Option<int?>("--instance-port") { Description = "Port the task announces (default: the node's first listener port)" };
        var output = CliCommands.Output(OutputFormat.Json);
        var ecs = new Command("ecs", "Print the ECS task-definition fragment (proxyConfiguration and proxy container) for a virtual node")
        {
            mesh, node, appPorts, image, xdsEndpoint, xdsToken, egressIgnored, containerName, instanceAddress, instancePort, output,
        };
        CommandAction.Set(ecs, async (cli, ct) =>
        {
            var key = new ResourceKey(ResourceKinds.VirtualNode, cli.Parse.GetRequiredValue(mesh), "", cli.Parse.GetRequiredValue(node));
            var (arn, data) = await ProxyCommand.DescribeAsync(cli, key, ct);
            var ports = cli.Parse.GetValue(appPorts) is { } given ? ParsePorts(given) : ListenerPorts(data);
            if (ports.Count == 0)
            {
                throw new CliException($"{key.Describe()} has no listeners: pass --app-ports.", CliExitCodes.Usage);
            }

            // Without --instance-address the proxy announces the task's awsvpc address, read from the ECS task metadata
            // endpoint when it starts (proxy/CloudMesh.Proxy/Hosting/InstanceAnnouncement.cs).
            var address = cli.Parse.GetValue(instanceAddress);
            var token = ProxyCommand.GivenXdsToken(cli.Parse.GetValue(xdsToken))
                ?? (await ProxyCommand.IssueXdsTokenAsync(cli, arn, "cloudmesh proxy ecs", "", ct)).Token;
            var inputs = new EcsProxyInputs
            {
                ResourceArn = arn,
                XdsEndpoint = ProxyCommand.XdsEndpointOf(cli.Parse.GetValue(xdsEndpoint)),
                XdsToken = token,
                AppPorts = ports,
                Image = cli.Parse.GetValue(image) ?? TaskDefinitionFragment.DefaultImage,
                ContainerName = cli.Parse.GetValue(containerName) ?? "envoy",
                EgressIgnoredIPs = cli.Parse.GetValue(egressIgnored) is { } ips
                    ? ips.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : TaskDefinitionFragment.DefaultEgressIgnoredIPs,
                InstanceAddress = address,
                InstancePort = cli.Parse.GetValue(instancePort),
            };
            JsonObject fragment;
            try
            {
                fragment = TaskDefinitionFragment.Build(inputs);
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message, CliExitCodes.Usage);
            }

            TenantsCommand.Document(cli.Parse.GetValue(output), fragment);
            return CliExitCodes.Ok;
        });
        return ecs;
    }

    /// <summary>The listener ports in a virtual node's document, in order.</summary>
    internal static List<int> ListenerPorts(JsonObject data) =>
        (data["spec"]?["listeners"] as JsonArray ?? [])
            .Select(l => l?["portMapping"]?["port"]?.GetValue<int>())
            .OfType<int>()
            .Distinct()
            .ToList();

    private static List<int> ParsePorts(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                ? port
                : throw new CliException($"--app-ports: '{p}' is not a port number.", CliExitCodes.Usage))
            .ToList();
}
