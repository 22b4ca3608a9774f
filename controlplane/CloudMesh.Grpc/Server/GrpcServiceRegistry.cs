using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Routing;

namespace CloudMesh.Grpc.Server;

/// <summary>
/// What <c>AddGrpc</c> registered and <c>MapGrpcService</c> mapped: the known service names, the services with
/// their own options, and the route builders that already have the UNIMPLEMENTED fallback. Thread-safe.
/// </summary>
internal sealed class GrpcServiceRegistry
{
    private readonly ConcurrentDictionary<string, byte> _services = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<IEndpointRouteBuilder, object> _fallbackMapped = [];

    public bool IsKnownService(string serviceName) => _services.ContainsKey(serviceName);

    public void AddService(string serviceName) => _services.TryAdd(serviceName, 0);

    /// <summary>True the first time for <paramref name="endpoints"/>.</summary>
    public bool TryClaimFallback(IEndpointRouteBuilder endpoints) => _fallbackMapped.TryAdd(endpoints, new object());
}
