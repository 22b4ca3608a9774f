using CloudMesh.ControlPlane.Compiler.Planning;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>
/// What a proxyless gRPC client standing for a virtual node needs: for each backend an API listener named
/// by the target it dials (<c>xds:///name</c> and <c>xds:///name:port</c>), an RDS route configuration
/// with the backend's routes, and clusters gRPC accepts (EDS, LOGICAL_DNS). Checked against
/// @grpc/grpc-js-xds 1.14's resource validation: router filter last, RDS over ADS, prefix/path/safe_regex
/// paths, string/range/present header matchers, weighted_clusters, retry policies with num_retries ≥ 1,
/// localities with a weight.
/// </summary>
internal static class ProxylessPath
{
    public static void Build(List<ResolvedBackend> backends, EgressClusters clusters, ProxyResources resources)
    {
        foreach (var backend in backends)
        {
            var service = backend.Plan.ServiceName;
            var routeName = ResourceNames.ApiRouteConfiguration(service);
            var tls = backend.ClientTls;
            resources.Add(new RouteConfiguration
            {
                Name = routeName,
                VirtualHosts = { ServiceHosts.ForProxyless(backend.Plan, target => clusters.UseForProxyless(target, tls)) },
            });

            resources.AddApiListener(ApiListener(service, routeName));
            foreach (var port in backend.Plan.Ports)
            {
                resources.AddApiListener(ApiListener($"{service}:{port.Port}", routeName));
            }
        }
    }

    private static Listener ApiListener(string name, string routeName) => new()
    {
        Name = name,
        ApiListener = new ApiListener
        {
            ApiListener_ = Xds.Pack(new HttpConnectionManager
            {
                StatPrefix = name,
                Rds = Xds.Rds(routeName),
                HttpFilters = { Xds.Router() },
            }),
        },
    };
}
