using CloudMesh.ControlPlane.Model;
using CloudMesh.Xds;

namespace CloudMesh.ControlPlane.Resources;

/// <summary>
/// Everything one proxy identity can be sent, serialized and hashed once: the runtime form of a
/// <see cref="ProxyConfig"/>. Immutable; every stream of the identity shares the same instance, which is what
/// keeps memory per connected proxy small.
/// </summary>
public sealed class ProxySnapshot
{
    private ProxySnapshot(
        bool exists,
        ResourceSet listeners,
        ResourceSet apiListeners,
        ResourceSet routeConfigurations,
        ResourceSet clusters,
        ResourceSet clusterLoadAssignments)
    {
        Exists = exists;
        Listeners = listeners;
        ApiListeners = apiListeners;
        RouteConfigurations = routeConfigurations;
        Clusters = clusters;
        ClusterLoadAssignments = clusterLoadAssignments;
        Version = ContentHash.OfPairs(
        [
            ("exists", exists ? "1" : "0"),
            ("lds", listeners.Version),
            ("lds-api", apiListeners.Version),
            ("rds", routeConfigurations.Version),
            ("cds", clusters.Version),
            ("eds", clusterLoadAssignments.Version),
        ]);
    }

    /// <summary>The snapshot of a proxy whose node is not declared (yet): empty sets, so the stream stays open.</summary>
    public static ProxySnapshot Missing { get; } = new(
        exists: false,
        ResourceSet.Empty(XdsTypeUrls.Listener),
        ResourceSet.Empty(XdsTypeUrls.Listener),
        ResourceSet.Empty(XdsTypeUrls.RouteConfiguration),
        ResourceSet.Empty(XdsTypeUrls.Cluster),
        ResourceSet.Empty(XdsTypeUrls.ClusterLoadAssignment));

    /// <summary>False when the source had no configuration for the proxy (its mesh or node does not exist).</summary>
    public bool Exists { get; }

    /// <summary>Socket listeners: what a wildcard LDS subscription receives.</summary>
    public ResourceSet Listeners { get; }

    /// <summary>API listeners for proxyless gRPC: only sent when asked for by name.</summary>
    public ResourceSet ApiListeners { get; }

    /// <summary>RDS resources.</summary>
    public ResourceSet RouteConfigurations { get; }

    /// <summary>CDS resources.</summary>
    public ResourceSet Clusters { get; }

    /// <summary>EDS resources.</summary>
    public ResourceSet ClusterLoadAssignments { get; }

    /// <summary>A hash over every set: equal versions mean nothing any stream could receive has changed.</summary>
    public string Version { get; }

    /// <summary>
    /// Serializes and hashes <paramref name="config"/>; null gives <see cref="Missing"/>. A message instance already
    /// packed for another snapshot is not packed again (<see cref="XdsResource.Shared"/>): configs are immutable once
    /// built, and the compiler shares instances among proxies and versions.
    /// </summary>
    /// <param name="config">The configuration.</param>
    /// <param name="previous">The identity's previous snapshot, if any: its sets that hold the very same resource
    /// instances are reused as they are.</param>
    public static ProxySnapshot From(ProxyConfig? config, ProxySnapshot? previous = null)
    {
        if (config is null)
        {
            return Missing;
        }

        return new ProxySnapshot(
            exists: true,
            ResourceSet.Create(XdsTypeUrls.Listener, config.Listeners.Select(l => XdsResource.Shared(l.Name, l)), previous?.Listeners),
            ResourceSet.Create(XdsTypeUrls.Listener, config.ApiListeners.Select(l => XdsResource.Shared(l.Name, l)), previous?.ApiListeners),
            ResourceSet.Create(XdsTypeUrls.RouteConfiguration, config.RouteConfigurations.Select(r => XdsResource.Shared(r.Name, r)), previous?.RouteConfigurations),
            ResourceSet.Create(XdsTypeUrls.Cluster, config.Clusters.Select(c => XdsResource.Shared(c.Name, c)), previous?.Clusters),
            ResourceSet.Create(
                XdsTypeUrls.ClusterLoadAssignment, config.ClusterLoadAssignments.Select(e => XdsResource.Shared(e.ClusterName, e)), previous?.ClusterLoadAssignments));
    }

    /// <summary>What a wildcard subscription to <paramref name="typeUrl"/> receives (empty for types not served).</summary>
    public IReadOnlyList<XdsResource> Wildcard(string typeUrl) => typeUrl switch
    {
        XdsTypeUrls.Listener => Listeners.Items,
        XdsTypeUrls.RouteConfiguration => RouteConfigurations.Items,
        XdsTypeUrls.Cluster => Clusters.Items,
        XdsTypeUrls.ClusterLoadAssignment => ClusterLoadAssignments.Items,
        _ => [],
    };

    /// <summary>The version of <see cref="Wildcard"/> for <paramref name="typeUrl"/>, or null for types not served.</summary>
    public string? WildcardVersion(string typeUrl) => typeUrl switch
    {
        XdsTypeUrls.Listener => Listeners.Version,
        XdsTypeUrls.RouteConfiguration => RouteConfigurations.Version,
        XdsTypeUrls.Cluster => Clusters.Version,
        XdsTypeUrls.ClusterLoadAssignment => ClusterLoadAssignments.Version,
        _ => null,
    };

    /// <summary>
    /// The resource a client asking for <paramref name="name"/> gets. For LDS this searches socket listeners, then
    /// API listeners (a proxyless gRPC client names the target it dials).
    /// </summary>
    public XdsResource? Find(string typeUrl, string name) => typeUrl switch
    {
        XdsTypeUrls.Listener => Listeners.Find(name) ?? ApiListeners.Find(name),
        XdsTypeUrls.RouteConfiguration => RouteConfigurations.Find(name),
        XdsTypeUrls.Cluster => Clusters.Find(name),
        XdsTypeUrls.ClusterLoadAssignment => ClusterLoadAssignments.Find(name),
        _ => null,
    };

    /// <summary>True when <paramref name="name"/> is part of the wildcard set of <paramref name="typeUrl"/>.</summary>
    public bool InWildcard(string typeUrl, string name) => typeUrl switch
    {
        XdsTypeUrls.Listener => Listeners.Contains(name),
        XdsTypeUrls.RouteConfiguration => RouteConfigurations.Contains(name),
        XdsTypeUrls.Cluster => Clusters.Contains(name),
        XdsTypeUrls.ClusterLoadAssignment => ClusterLoadAssignments.Contains(name),
        _ => false,
    };
}
