namespace CloudMesh.ControlPlane.Model;

/// <summary>
/// An instance of a virtual node registered with CloudMesh's endpoint registry (the role AWS Cloud Map
/// played): by a connected proxy from its node metadata, or through the registry API for VMs and ECS tasks.
/// </summary>
/// <param name="VirtualNodeName">The virtual node the instance belongs to.</param>
/// <param name="InstanceId">Unique within the virtual node.</param>
/// <param name="Address">IPv4/IPv6 address or host name the instance listens on.</param>
/// <param name="Port">The port; 0 means "the virtual node's first listener port".</param>
/// <param name="Healthy">False when the instance was reported unhealthy; EDS marks it so instead of dropping it.</param>
/// <param name="Attributes">Free-form attributes (Cloud Map style); the compiler matches them against awsCloudMap.attributes.</param>
public sealed record EndpointInstance(
    string VirtualNodeName,
    string InstanceId,
    string Address,
    int Port,
    bool Healthy,
    IReadOnlyDictionary<string, string> Attributes);
