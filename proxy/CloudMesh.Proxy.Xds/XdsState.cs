using System.Collections.Immutable;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;

namespace CloudMesh.Proxy.Xds;

/// <summary>
/// The xDS resources a proxy holds at one moment, by type and then by resource name, exactly as the control plane
/// sent them. Immutable: a discovery response produces a new state, never edits this one.
/// </summary>
/// <param name="Listeners">LDS resources by name.</param>
/// <param name="RouteConfigurations">RDS resources by name.</param>
/// <param name="Clusters">CDS resources by name.</param>
/// <param name="ClusterLoadAssignments">EDS resources by cluster name.</param>
public sealed record XdsState(
    ImmutableDictionary<string, Listener> Listeners,
    ImmutableDictionary<string, RouteConfiguration> RouteConfigurations,
    ImmutableDictionary<string, Cluster> Clusters,
    ImmutableDictionary<string, ClusterLoadAssignment> ClusterLoadAssignments)
{
    /// <summary>A proxy that has received nothing yet.</summary>
    public static XdsState Empty { get; } = new(
        ImmutableDictionary.Create<string, Listener>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, RouteConfiguration>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, Cluster>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ClusterLoadAssignment>(StringComparer.Ordinal));

    /// <summary>True when no resource of any type is held.</summary>
    public bool IsEmpty => Listeners.IsEmpty && RouteConfigurations.IsEmpty && Clusters.IsEmpty && ClusterLoadAssignments.IsEmpty;
}
