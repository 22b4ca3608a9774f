using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudMesh.Cli.Ecs;

/// <summary>What the ECS task-definition fragment for a virtual node's proxy is made of.</summary>
public sealed record EcsProxyInputs
{
    /// <summary>The virtual node's ARN (<c>APPMESH_RESOURCE_ARN</c>).</summary>
    public required string ResourceArn { get; init; }

    /// <summary>The control plane's xDS address as the task reaches it (<c>APPMESH_XDS_ENDPOINT</c>).</summary>
    public required string XdsEndpoint { get; init; }

    /// <summary>The xDS token (<c>CLOUDMESH_XDS_TOKEN</c>).</summary>
    public required string XdsToken { get; init; }

    /// <summary>The application's ports, redirected to the proxy's ingress listener (<c>AppPorts</c>); at least one.</summary>
    public required IReadOnlyList<int> AppPorts { get; init; }

    /// <summary>The proxy's image.</summary>
    public string Image { get; init; } = TaskDefinitionFragment.DefaultImage;

    /// <summary>The proxy container's name (ECS's <c>containerName</c>).</summary>
    public string ContainerName { get; init; } = "envoy";

    /// <summary>Destinations the task reaches directly, not through the proxy (<c>EgressIgnoredIPs</c>).</summary>
    public IReadOnlyList<string> EgressIgnoredIPs { get; init; } = TaskDefinitionFragment.DefaultEgressIgnoredIPs;

    /// <summary>
    /// The address the task announces to the registry (<c>CLOUDMESH_INSTANCE_ADDRESS</c>); null: the proxy announces the
    /// task's <c>awsvpc</c> address, which it reads from the ECS task metadata endpoint when it starts.
    /// </summary>
    public string? InstanceAddress { get; init; }

    /// <summary>The announced port; null: the virtual node's first listener port.</summary>
    public int? InstancePort { get; init; }
}

/// <summary>
/// The pieces of an ECS <c>RegisterTaskDefinition</c> request that put a CloudMesh proxy next to an application, the
/// way App Mesh's Envoy sidecar is set up on ECS: <c>networkMode</c> <c>awsvpc</c> (the proxy configuration needs it),
/// the <c>APPMESH</c> <c>proxyConfiguration</c> (iptables redirection of the app's ports to 15000, outbound traffic to
/// 15001, the proxy's own traffic, UID 1337, left alone) and the proxy container. The result is itself a valid
/// partial request, to merge into the application's task definition; the application's containers should depend on
/// the proxy being <c>HEALTHY</c> (<see cref="AppDependency"/>).
/// </summary>
public static class TaskDefinitionFragment
{
    /// <summary>The proxy's default image.</summary>
    public const string DefaultImage = "cloudmesh/proxy:latest";

    /// <summary>The UID the proxy runs as, whose traffic is not redirected (App Mesh's <c>IgnoredUID</c>).</summary>
    public const int ProxyUid = 1337;

    /// <summary>The ingress listener port (App Mesh's <c>ProxyIngressPort</c>).</summary>
    public const int ProxyIngressPort = 15000;

    /// <summary>The egress listener port (App Mesh's <c>ProxyEgressPort</c>).</summary>
    public const int ProxyEgressPort = 15001;

    /// <summary>The proxy's admin port, where the health check asks <c>/ready</c>.</summary>
    public const int AdminPort = 9901;

    /// <summary>The ECS task metadata endpoint and the EC2 instance metadata service, reached directly.</summary>
    public static readonly IReadOnlyList<string> DefaultEgressIgnoredIPs = ["169.254.170.2", "169.254.169.254"];

    /// <summary>The fragment: <c>networkMode</c>, <c>proxyConfiguration</c> and <c>containerDefinitions</c> with the proxy.</summary>
    /// <exception cref="ArgumentException">No app port, or a port out of range.</exception>
    public static JsonObject Build(EcsProxyInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.AppPorts.Count == 0)
        {
            throw new ArgumentException("At least one application port is needed (AppPorts).", nameof(inputs));
        }

        foreach (var port in inputs.AppPorts.Append(inputs.InstancePort ?? 1))
        {
            if (port is < 1 or > 65535)
            {
                throw new ArgumentException($"{port} is not a port number.", nameof(inputs));
            }
        }

        var properties = new JsonArray
        {
            Pair("AppPorts", string.Join(',', inputs.AppPorts.Distinct().Select(Text))),
            Pair("ProxyIngressPort", Text(ProxyIngressPort)),
            Pair("ProxyEgressPort", Text(ProxyEgressPort)),
            Pair("IgnoredUID", Text(ProxyUid)),
        };
        if (inputs.EgressIgnoredIPs.Count > 0)
        {
            properties.Add(Pair("EgressIgnoredIPs", string.Join(',', inputs.EgressIgnoredIPs)));
        }

        return new JsonObject
        {
            ["networkMode"] = "awsvpc",
            ["proxyConfiguration"] = new JsonObject
            {
                ["type"] = "APPMESH",
                ["containerName"] = inputs.ContainerName,
                ["properties"] = properties,
            },
            ["containerDefinitions"] = new JsonArray { ProxyContainer(inputs) },
        };
    }

    /// <summary>The <c>dependsOn</c> entry an application container needs: start once the proxy is healthy.</summary>
    public static JsonObject AppDependency(string proxyContainerName) => new()
    {
        ["containerName"] = proxyContainerName,
        ["condition"] = "HEALTHY",
    };

    /// <summary>The proxy's environment, sorted by name.</summary>
    public static SortedDictionary<string, string> Environment(EcsProxyInputs inputs)
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["APPMESH_RESOURCE_ARN"] = inputs.ResourceArn,
            ["APPMESH_XDS_ENDPOINT"] = inputs.XdsEndpoint,
            ["CLOUDMESH_XDS_TOKEN"] = inputs.XdsToken,
            ["ENVOY_ADMIN_ACCESS_PORT"] = Text(AdminPort),
        };
        if (inputs.InstanceAddress is { } address)
        {
            environment["CLOUDMESH_INSTANCE_ADDRESS"] = address;
            if (inputs.InstancePort is { } port)
            {
                environment["CLOUDMESH_INSTANCE_PORT"] = Text(port);
            }
        }

        return environment;
    }

    private static JsonObject ProxyContainer(EcsProxyInputs inputs)
    {
        var environment = new JsonArray();
        foreach (var (name, value) in Environment(inputs))
        {
            environment.Add(Pair(name, value));
        }

        return new JsonObject
        {
            ["name"] = inputs.ContainerName,
            ["image"] = inputs.Image,
            ["essential"] = true,
            ["user"] = Text(ProxyUid),
            ["environment"] = environment,
            // Our admin port answers /ready with 200 LIVE once a configuration is applied (docs/proxy.md); App Mesh's
            // Envoy image checks /server_info for LIVE the same way.
            ["healthCheck"] = new JsonObject
            {
                ["command"] = new JsonArray("CMD-SHELL", $"curl -sf http://localhost:{Text(AdminPort)}/ready || exit 1"),
                ["interval"] = 5,
                ["timeout"] = 2,
                ["retries"] = 3,
                ["startPeriod"] = 10,
            },
        };
    }

    private static JsonObject Pair(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
