using Envoy.Service.Discovery.V3;
using Grpc.Core;

namespace CloudMesh.ControlPlane.Server;

/// <summary>
/// <c>envoy.service.discovery.v3.AggregatedDiscoveryService</c>: both ADS methods, state of the world and
/// incremental, on one <see cref="XdsStreamRunner"/>.
/// </summary>
public sealed class AggregatedDiscoveryServer : AggregatedDiscoveryService.AggregatedDiscoveryServiceBase
{
    private readonly XdsStreamRunner _runner;

    /// <summary>Creates the service.</summary>
    public AggregatedDiscoveryServer(XdsStreamRunner runner)
    {
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
    }

    /// <inheritdoc />
    public override Task StreamAggregatedResources(
        IAsyncStreamReader<DiscoveryRequest> requestStream,
        IServerStreamWriter<DiscoveryResponse> responseStream,
        ServerCallContext context) =>
        _runner.RunAsync(requestStream, responseStream, context, XdsStreamKinds.StateOfTheWorld);

    /// <inheritdoc />
    public override Task DeltaAggregatedResources(
        IAsyncStreamReader<DeltaDiscoveryRequest> requestStream,
        IServerStreamWriter<DeltaDiscoveryResponse> responseStream,
        ServerCallContext context) =>
        _runner.RunAsync(requestStream, responseStream, context, XdsStreamKinds.Delta);
}
