namespace CloudMesh.Proxy.Xds.Protocol;

/// <summary>The gRPC method paths of the aggregated discovery service, as a SigV4 signature covers them.</summary>
internal static class AdsMethods
{
    /// <summary>State of the world: <c>StreamAggregatedResources</c>.</summary>
    public const string Stream = "/envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources";

    /// <summary>Incremental: <c>DeltaAggregatedResources</c>.</summary>
    public const string Delta = "/envoy.service.discovery.v3.AggregatedDiscoveryService/DeltaAggregatedResources";
}
