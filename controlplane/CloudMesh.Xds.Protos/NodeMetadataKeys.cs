namespace CloudMesh.Xds;

/// <summary>
/// The CloudMesh fields of an xDS node's metadata: what the proxy writes and the control plane reads, defined once so
/// the two cannot drift apart.
/// </summary>
public static class NodeMetadataKeys
{
    /// <summary>A tenant-scoped xDS token, for clients that cannot add call metadata.</summary>
    public const string Token = "cloudmesh.token";

    /// <summary>The address this instance of the virtual node listens on (registered for EDS while the stream lives).</summary>
    public const string InstanceAddress = "cloudmesh.instance.address";

    /// <summary>The instance's port; 0 or absent means "the virtual node's first listener port".</summary>
    public const string InstancePort = "cloudmesh.instance.port";

    /// <summary>The instance id; absent means <c>node.id@address:port</c>.</summary>
    public const string InstanceId = "cloudmesh.instance.id";
}
