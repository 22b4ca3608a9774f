using System.Runtime.CompilerServices;
using CloudMesh.ControlPlane.Compiler.Planning;
using CloudMesh.ControlPlane.Compiler.Specs;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>
/// The egress clusters one proxy uses, collected while its routes are built and materialized once.
/// A cluster is named by its target (node, protocol, port), so two backends reaching the same target
/// share it; its client policy is the one of the first registration (backends are visited in name order).
/// The cluster and its assignment depend only on the name and that registration, so they are shared through
/// <see cref="SharedResources"/> by every proxy of the mesh version that registers the same.
/// </summary>
internal sealed class EgressClusters(MeshIndex index, SharedResources shared)
{
    private readonly Dictionary<string, Registration> _registrations = new(StringComparer.Ordinal);

    /// <summary>Registers the cluster for <paramref name="target"/> and returns its name.</summary>
    /// <param name="target">The node listener.</param>
    /// <param name="tls">The caller's client TLS policy for this target, if any (ports are checked here).</param>
    /// <param name="pool">A connection pool the caller applies to its upstreams (virtual gateways), if any.</param>
    public string Use(ClusterTarget target, ClientTlsSpec? tls, ConnectionPoolSpec? pool = null)
    {
        var name = NameOf(index, target);
        _registrations.TryAdd(name, new Registration(target, tls is not null && tls.AppliesTo(target.Listener.Port) ? tls : null, pool, false));
        return name;
    }

    /// <summary>As <see cref="Use"/>, but for proxyless gRPC clients: a STRICT_DNS target gets a LOGICAL_DNS twin.</summary>
    public string UseForProxyless(ClusterTarget target, ClientTlsSpec? tls)
    {
        var name = Use(target, tls);
        if (target.Node.ServiceDiscovery is not { DnsEndpoints: true })
        {
            return name;
        }

        var twin = ResourceNames.ProxylessTwin(name);
        _registrations.TryAdd(twin, _registrations[name] with { LogicalDnsTwin = true });
        return twin;
    }

    /// <summary>The name of the cluster for <paramref name="target"/> (what <see cref="Use"/> returns).</summary>
    public static string NameOf(MeshIndex index, ClusterTarget target) =>
        ResourceNames.EgressCluster(index.MeshName, target.Node.Name, target.Listener.Protocol, target.Listener.Port);

    public void AddTo(ProxyResources resources)
    {
        foreach (var (name, registration) in _registrations)
        {
            var (cluster, assignment) = shared.EgressCluster(new Key(name, registration), key => Build(key.Name, key.Registration));
            resources.Add(cluster);
            if (assignment is not null)
            {
                resources.Add(assignment);
            }
        }
    }

    private (Cluster Cluster, ClusterLoadAssignment? Assignment) Build(string name, Registration registration)
    {
        var (target, tls, pool, twin) = registration;
        var node = target.Node;
        var listener = target.Listener;
        var discovery = node.ServiceDiscovery!;
        var preference = index.IpPreferenceOf(node);
        var cluster = new Cluster { Name = name };
        ClusterLoadAssignment? assignment = null;
        if (discovery.IsCloudMap)
        {
            cluster.Type = Cluster.Types.DiscoveryType.Eds;
            cluster.EdsClusterConfig = new Cluster.Types.EdsClusterConfig { EdsConfig = Xds.Ads() };
            assignment = EndpointAssignments.Registered(name, index.Region, target, index.Instances(node.Name), preference);
        }
        else
        {
            // LOADBALANCER: the name stands for one load balancer, connect to whatever it resolves to now.
            // ENDPOINTS: every address the name resolves to is an endpoint to balance over.
            cluster.Type = discovery.DnsEndpoints && !twin ? Cluster.Types.DiscoveryType.StrictDns : Cluster.Types.DiscoveryType.LogicalDns;
            cluster.DnsLookupFamily = preference switch
            {
                IpPreference.IPv4Preferred => Cluster.Types.DnsLookupFamily.V4Preferred,
                IpPreference.IPv4Only => Cluster.Types.DnsLookupFamily.V4Only,
                IpPreference.IPv6Only => Cluster.Types.DnsLookupFamily.V6Only,

                // No preference and IPv6_PREFERRED both mean "IPv6 first, then IPv4" in App Mesh.
                _ => Cluster.Types.DnsLookupFamily.Auto,
            };
            cluster.LoadAssignment = EndpointAssignments.Dns(name, discovery.DnsHostname!, listener);
        }

        ClusterPolicies.UseProtocol(cluster, listener.Protocol);

        // Declared on the serving node's listener, enforced by every caller (App Mesh does the same).
        if (listener.HealthCheck is { } healthCheck)
        {
            cluster.HealthChecks.Add(ClusterPolicies.HealthCheck(healthCheck));
        }

        if (listener.OutlierDetection is { } outlier)
        {
            cluster.OutlierDetection = ClusterPolicies.OutlierDetection(outlier);
        }

        if (tls is not null)
        {
            cluster.TransportSocket = TlsContexts.Upstream(tls);
        }

        if (pool is not null)
        {
            cluster.CircuitBreakers = ClusterPolicies.CircuitBreakers(pool);
        }

        return (cluster, assignment);
    }

    /// <summary>What a registration asks for.</summary>
    internal sealed record Registration(ClusterTarget Target, ClientTlsSpec? Tls, ConnectionPoolSpec? Pool, bool LogicalDnsTwin);

    /// <summary>
    /// Everything an egress cluster and its assignment are built from (the mesh index being fixed per version). The
    /// models are compared as instances: they are immutable and one per node, listener or policy in a version, and
    /// hashing them by value for every registration of every proxy cost more than sharing saved in meshes where
    /// little is shared.
    /// </summary>
    internal readonly struct Key(string name, Registration registration) : IEquatable<Key>
    {
        public string Name { get; } = name;

        public Registration Registration { get; } = registration;

        public bool Equals(Key other) =>
            string.Equals(Name, other.Name, StringComparison.Ordinal)
            && ReferenceEquals(Registration.Target.Node, other.Registration.Target.Node)
            && ReferenceEquals(Registration.Target.Listener, other.Registration.Target.Listener)
            && ReferenceEquals(Registration.Tls, other.Registration.Tls)
            && ReferenceEquals(Registration.Pool, other.Registration.Pool)
            && Registration.LogicalDnsTwin == other.Registration.LogicalDnsTwin;

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(
            StringComparer.Ordinal.GetHashCode(Name),
            RuntimeHelpers.GetHashCode(Registration.Target.Node),
            RuntimeHelpers.GetHashCode(Registration.Target.Listener),
            Registration.Tls is null ? 0 : RuntimeHelpers.GetHashCode(Registration.Tls),
            Registration.Pool is null ? 0 : RuntimeHelpers.GetHashCode(Registration.Pool),
            Registration.LogicalDnsTwin);
    }
}
