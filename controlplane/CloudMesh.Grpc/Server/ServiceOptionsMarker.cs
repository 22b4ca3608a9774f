namespace CloudMesh.Grpc.Server;

/// <summary>Registered by <c>AddServiceOptions&lt;TService&gt;</c>: the service has options of its own.</summary>
internal sealed class ServiceOptionsMarker<TService>
    where TService : class
{
}
