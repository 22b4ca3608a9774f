using System.Globalization;
using CloudMesh.ControlPlane.Identity;
using Envoy.Config.Core.V3;

namespace CloudMesh.ControlPlane.Server;

/// <summary>The instance a proxy announces in its node metadata, registered for EDS while its stream lives.</summary>
/// <param name="InstanceId">Unique within the virtual node; default <c>node.id@address:port</c>.</param>
/// <param name="Address">The address the instance listens on.</param>
/// <param name="Port">The port; 0 means the virtual node's first listener port.</param>
public sealed record InstanceRegistration(string InstanceId, string Address, int Port)
{
    /// <summary>
    /// Reads <c>cloudmesh.instance.address</c>, <c>.port</c> and <c>.id</c>; null when no address is given.
    /// </summary>
    /// <exception cref="FormatException">The port is not a number from 0 to 65535.</exception>
    public static InstanceRegistration? From(Node? node)
    {
        string? address = NodeMetadata.GetString(node, NodeMetadata.InstanceAddress);
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        int port = 0;
        string? portText = NodeMetadata.GetString(node, NodeMetadata.InstancePort);
        if (!string.IsNullOrEmpty(portText)
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535))
        {
            throw new FormatException($"Node metadata '{NodeMetadata.InstancePort}' must be a port number (0-65535), not '{portText}'.");
        }

        string id = NodeMetadata.GetString(node, NodeMetadata.InstanceId) is { Length: > 0 } explicitId
            ? explicitId
            : $"{node!.Id}@{address}:{port.ToString(CultureInfo.InvariantCulture)}";
        return new InstanceRegistration(id, address.Trim(), port);
    }
}
