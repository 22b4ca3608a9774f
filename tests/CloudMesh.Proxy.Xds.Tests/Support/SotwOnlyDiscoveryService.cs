using CloudMesh.ControlPlane.Server;
using Envoy.Service.Discovery.V3;
using Grpc.Core;

namespace CloudMesh.Proxy.Xds.Tests.Support;

/// <summary>
/// A control plane that predates delta xDS: the real server's state of the world, while
/// DeltaAggregatedResources keeps the generated base's answer, UNIMPLEMENTED.
/// </summary>
internal sealed class SotwOnlyDiscoveryService(AggregatedDiscoveryServer real) : AggregatedDiscoveryService.AggregatedDiscoveryServiceBase
{
    public int DeltaAttempts;

    public override Task StreamAggregatedResources(
        IAsyncStreamReader<DiscoveryRequest> requestStream, IServerStreamWriter<DiscoveryResponse> responseStream, ServerCallContext context) =>
        real.StreamAggregatedResources(requestStream, responseStream, context);

    public override Task DeltaAggregatedResources(
        IAsyncStreamReader<DeltaDiscoveryRequest> requestStream, IServerStreamWriter<DeltaDiscoveryResponse> responseStream, ServerCallContext context)
    {
        Interlocked.Increment(ref DeltaAttempts);
        return base.DeltaAggregatedResources(requestStream, responseStream, context);
    }
}
