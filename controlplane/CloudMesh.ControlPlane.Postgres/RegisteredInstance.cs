namespace CloudMesh.ControlPlane.Postgres;

/// <summary>One row of the endpoint registry, as the registry API shows it.</summary>
/// <param name="MeshName">The mesh.</param>
/// <param name="VirtualNodeName">The virtual node the instance belongs to.</param>
/// <param name="InstanceId">Unique within the virtual node.</param>
/// <param name="Address">IP address or host name.</param>
/// <param name="Port">Port; 0 means the virtual node's first listener port.</param>
/// <param name="Healthy">False when reported unhealthy.</param>
/// <param name="Attributes">Free-form attributes matched by awsCloudMap service discovery.</param>
/// <param name="Source"><c>api</c> or <c>proxy</c>.</param>
/// <param name="CreatedAt">First registration.</param>
/// <param name="UpdatedAt">Last change.</param>
public sealed record RegisteredInstance(
    string MeshName,
    string VirtualNodeName,
    string InstanceId,
    string Address,
    int Port,
    bool Healthy,
    IReadOnlyDictionary<string, string> Attributes,
    string Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
