using CloudMesh.ControlPlane.Compiler.Specs;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>The inbound side's clusters: the local application behind each virtual node listener.</summary>
internal static class LocalClusters
{
    /// <param name="mesh">The mesh's name.</param>
    /// <param name="node">The virtual node.</param>
    /// <param name="listener">The listener whose port the application serves.</param>
    /// <param name="ipv6">True when the node prefers or requires IPv6: the application is then reached on ::1.</param>
    public static Cluster Build(string mesh, VirtualNodeModel node, NodeListener listener, bool ipv6)
    {
        var name = ResourceNames.LocalCluster(mesh, node.Name, listener.Protocol, listener.Port);
        var cluster = new Cluster
        {
            Name = name,
            Type = Cluster.Types.DiscoveryType.Static,
            LoadAssignment = new ClusterLoadAssignment
            {
                ClusterName = name,
                Endpoints =
                {
                    new LocalityLbEndpoints
                    {
                        LbEndpoints =
                        {
                            new LbEndpoint { Endpoint = new Endpoint { Address = Xds.SocketAddress(ipv6 ? "::1" : "127.0.0.1", listener.Port) } },
                        },
                    },
                },
            },
        };
        ClusterPolicies.UseProtocol(cluster, listener.Protocol);

        // App Mesh applies a listener's connection pool to the path into the local application.
        if (listener.ConnectionPool is { } pool)
        {
            cluster.CircuitBreakers = ClusterPolicies.CircuitBreakers(pool);
        }

        return cluster;
    }
}
