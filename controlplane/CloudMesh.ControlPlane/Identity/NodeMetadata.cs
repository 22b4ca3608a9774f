using System.Globalization;
using CloudMesh.Xds;
using Envoy.Config.Core.V3;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.ControlPlane.Identity;

/// <summary>
/// The CloudMesh fields a proxy may put in its bootstrap node metadata, flat (<c>cloudmesh.token: ...</c>) or nested
/// (<c>cloudmesh: { token: ... }</c>); stock xDS clients can send nothing else.
/// </summary>
public static class NodeMetadata
{
    /// <summary>A tenant-scoped xDS token, for clients that cannot add call metadata.</summary>
    public const string Token = NodeMetadataKeys.Token;

    /// <summary>The address this instance of the virtual node listens on (registered for EDS while the stream lives).</summary>
    public const string InstanceAddress = NodeMetadataKeys.InstanceAddress;

    /// <summary>The instance's port; default 0, "the virtual node's first listener port".</summary>
    public const string InstancePort = NodeMetadataKeys.InstancePort;

    /// <summary>The instance id; default <c>node.id@address:port</c>.</summary>
    public const string InstanceId = NodeMetadataKeys.InstanceId;

    /// <summary>The string (or number, formatted) at <paramref name="key"/>, or null.</summary>
    public static string? GetString(Node? node, string key)
    {
        Value? value = Find(node?.Metadata, key);
        return value?.KindCase switch
        {
            Value.KindOneofCase.StringValue => value.StringValue,
            Value.KindOneofCase.NumberValue => value.NumberValue.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static Value? Find(Struct? metadata, string key)
    {
        if (metadata is null)
        {
            return null;
        }

        if (metadata.Fields.TryGetValue(key, out Value? flat))
        {
            return flat;
        }

        int dot = key.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && metadata.Fields.TryGetValue(key[..dot], out Value? nested) && nested.KindCase == Value.KindOneofCase.StructValue
            ? Find(nested.StructValue, key[(dot + 1)..])
            : null;
    }
}
