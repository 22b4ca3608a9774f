using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;

namespace CloudMesh.Proxy.Xds.Tests.Support;

/// <summary>What the compiler gives "front" (see the compiler's README): reading helpers for assertions.</summary>
internal static class ShopExpectations
{
    public const string IngressListener = "lds_ingress_0.0.0.0_15000";
    public const string EgressListener = "lds_egress_0.0.0.0_15001";
    public const string EgressRoutes = "rds_egress_http_15001";

    public static string IngressRoutes(int port) => $"rds_ingress_http_{port}";

    /// <summary>True when the state holds listeners, their routes, the clusters, and cart's endpoints.</summary>
    public static bool IsComplete(XdsState state) =>
        state.Listeners.ContainsKey(IngressListener)
        && state.Listeners.ContainsKey(EgressListener)
        && state.RouteConfigurations.ContainsKey(IngressRoutes(8080))
        && state.RouteConfigurations.ContainsKey(EgressRoutes)
        && CartCluster(state) is { } cart
        && state.ClusterLoadAssignments.ContainsKey(cart);

    /// <summary>The EDS cluster for cart.shop.local, or null.</summary>
    public static string? CartCluster(XdsState state) =>
        state.Clusters.Values.SingleOrDefault(c => c.Type == Cluster.Types.DiscoveryType.Eds)?.Name;

    /// <summary>Cart's endpoint addresses in the state, sorted.</summary>
    public static string[] CartAddresses(XdsState state) =>
        CartCluster(state) is { } cart && state.ClusterLoadAssignments.TryGetValue(cart, out ClusterLoadAssignment? assignment)
            ? [.. assignment.Endpoints.SelectMany(l => l.LbEndpoints).Select(e => e.Endpoint.Address.SocketAddress.Address).Order(StringComparer.Ordinal)]
            : [];
}
