using System.Globalization;
using System.Reflection;
using CloudMesh.Xds;
using Envoy.Config.Core.V3;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.Proxy.Xds.Configuration;

/// <summary>
/// Builds the Envoy <see cref="Node"/> a CloudMesh proxy announces, the way App Mesh's Envoy image does from its
/// environment, plus the CloudMesh node metadata the control plane reads (instance registration for EDS).
/// </summary>
public static class XdsNodeFactory
{
    /// <summary>The user agent the proxy reports in <see cref="Node.UserAgentName"/>.</summary>
    public const string UserAgentName = "cloudmesh-proxy";

    /// <summary>
    /// The node from the environment: id from <c>APPMESH_RESOURCE_ARN</c>, else <c>APPMESH_VIRTUAL_NODE_NAME</c>
    /// (<c>mesh/&lt;mesh&gt;/virtualNode/&lt;name&gt;</c>); cluster from <c>APPMESH_VIRTUAL_NODE_CLUSTER</c>, else the id;
    /// instance metadata from <c>CLOUDMESH_INSTANCE_ADDRESS</c>, <c>CLOUDMESH_INSTANCE_PORT</c>, <c>CLOUDMESH_INSTANCE_ID</c>.
    /// </summary>
    /// <param name="environment">Reads a variable; null: the process environment.</param>
    /// <exception cref="InvalidOperationException">No node id is configured, or the port is not a number.</exception>
    public static Node FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string id = NonEmpty(environment("APPMESH_RESOURCE_ARN"))
            ?? NonEmpty(environment("APPMESH_VIRTUAL_NODE_NAME"))
            ?? throw new InvalidOperationException(
                "Set APPMESH_RESOURCE_ARN to the virtual node's or gateway's ARN, or APPMESH_VIRTUAL_NODE_NAME to mesh/<mesh>/virtualNode/<name>.");

        int? port = null;
        if (NonEmpty(environment("CLOUDMESH_INSTANCE_PORT")) is { } portText)
        {
            port = int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed <= 65535
                ? parsed
                : throw new InvalidOperationException($"CLOUDMESH_INSTANCE_PORT '{portText}' is not a port number.");
        }

        return Create(
            id,
            cluster: NonEmpty(environment("APPMESH_VIRTUAL_NODE_CLUSTER")),
            instanceAddress: NonEmpty(environment("CLOUDMESH_INSTANCE_ADDRESS")),
            instancePort: port,
            instanceId: NonEmpty(environment("CLOUDMESH_INSTANCE_ID")));
    }

    /// <summary>A node with <paramref name="id"/>, its cluster (default: the id) and optional instance metadata.</summary>
    public static Node Create(string id, string? cluster = null, string? instanceAddress = null, int? instancePort = null, string? instanceId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var node = new Node
        {
            Id = id,
            Cluster = cluster ?? id,
            UserAgentName = UserAgentName,
            UserAgentVersion = typeof(XdsNodeFactory).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
            Metadata = new Struct(),
        };
        if (instanceAddress is not null)
        {
            node.Metadata.Fields[NodeMetadataKeys.InstanceAddress] = Value.ForString(instanceAddress);
        }

        if (instancePort is { } port)
        {
            node.Metadata.Fields[NodeMetadataKeys.InstancePort] = Value.ForNumber(port);
        }

        if (instanceId is not null)
        {
            node.Metadata.Fields[NodeMetadataKeys.InstanceId] = Value.ForString(instanceId);
        }

        return node;
    }

    internal static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
