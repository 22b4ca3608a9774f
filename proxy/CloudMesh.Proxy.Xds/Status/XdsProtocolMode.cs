namespace CloudMesh.Proxy.Xds.Status;

/// <summary>Which ADS method the client speaks.</summary>
public enum XdsProtocolMode
{
    /// <summary>Incremental xDS (<c>DeltaAggregatedResources</c>), tried first.</summary>
    Delta,

    /// <summary>State of the world (<c>StreamAggregatedResources</c>), for good once the server answered delta with UNIMPLEMENTED.</summary>
    StateOfTheWorld,
}
