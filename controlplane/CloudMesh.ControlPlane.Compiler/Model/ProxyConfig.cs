using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;

namespace CloudMesh.ControlPlane.Model;

/// <summary>
/// Everything one proxy needs, as Envoy xDS v3 resources; each list is ordered by resource name so the
/// same input always yields byte-identical output (hashes and versions depend on it).
/// </summary>
/// <param name="Listeners">LDS resources bound to sockets, for Envoy-style proxies (what a wildcard LDS subscription gets).</param>
/// <param name="ApiListeners">
/// LDS resources for proxyless gRPC clients: API listeners named by the target they dial (a backend
/// virtual service's name, and name:port). Only sent when requested by name: Envoy rejects API listeners over LDS.
/// </param>
/// <param name="RouteConfigurations">RDS resources, referenced by name from the listeners' HTTP connection managers.</param>
/// <param name="Clusters">CDS resources.</param>
/// <param name="ClusterLoadAssignments">EDS resources, one per EDS cluster, named like the cluster.</param>
public sealed record ProxyConfig(
    IReadOnlyList<Listener> Listeners,
    IReadOnlyList<Listener> ApiListeners,
    IReadOnlyList<RouteConfiguration> RouteConfigurations,
    IReadOnlyList<Cluster> Clusters,
    IReadOnlyList<ClusterLoadAssignment> ClusterLoadAssignments);
