using System.Net;
using System.Net.Sockets;
using CloudMesh.ControlPlane.Compiler.Planning;
using CloudMesh.ControlPlane.Compiler.Specs;
using CloudMesh.ControlPlane.Model;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>
/// Endpoint assignments for egress clusters: the registry's instances of a Cloud Map node (EDS), or the
/// DNS name of a DNS node (inside the cluster).
/// </summary>
internal static class EndpointAssignments
{
    /// <summary>
    /// The ClusterLoadAssignment of a Cloud Map node's listener: its registered instances that carry every
    /// attribute the spec asks for, unhealthy ones marked so rather than dropped (Envoy and gRPC skip them,
    /// and operators still see them). Only IP addresses qualify: EDS endpoints are never resolved, and gRPC's
    /// xDS client rejects the whole assignment for one host name or one duplicate address.
    /// </summary>
    public static ClusterLoadAssignment Registered(string clusterName, string region, ClusterTarget target, IReadOnlyList<EndpointInstance> instances, IpPreference preference)
    {
        var node = target.Node;
        var listener = target.Listener;
        var attributes = node.ServiceDiscovery?.CloudMapAttributes ?? [];

        // A registered port stands for the node's first listener; other listeners are reached on their own port.
        var isFirstListener = node.Listeners.Count > 0 && ReferenceEquals(node.Listeners[0], listener);
        var locality = new LocalityLbEndpoints
        {
            Locality = new Locality { Region = region },

            // gRPC's xDS client ignores localities without a weight.
            LoadBalancingWeight = 1,
        };
        var seen = new HashSet<(string, int)>();
        foreach (var instance in instances)
        {
            if (!HasAttributes(instance, attributes) || CanonicalAddress(instance.Address, preference) is not { } address)
            {
                continue;
            }

            var port = isFirstListener && instance.Port > 0 ? instance.Port : listener.Port;
            if (!seen.Add((address, port)))
            {
                continue;
            }

            locality.LbEndpoints.Add(new LbEndpoint
            {
                Endpoint = Endpoint(address, port, listener.HealthCheck),
                HealthStatus = instance.Healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy,
            });
        }

        var assignment = new ClusterLoadAssignment { ClusterName = clusterName };
        if (locality.LbEndpoints.Count > 0)
        {
            assignment.Endpoints.Add(locality);
        }

        return assignment;
    }

    /// <summary>The single DNS endpoint of a DNS node's listener (LOGICAL_DNS and STRICT_DNS clusters carry it inline).</summary>
    public static ClusterLoadAssignment Dns(string clusterName, string hostname, NodeListener listener) => new()
    {
        ClusterName = clusterName,
        Endpoints =
        {
            new LocalityLbEndpoints { LbEndpoints = { new LbEndpoint { Endpoint = Endpoint(hostname, listener.Port, listener.HealthCheck) } } },
        },
    };

    private static Endpoint Endpoint(string address, int port, HealthCheckSpec? healthCheck)
    {
        var endpoint = new Endpoint { Address = Xds.SocketAddress(address, port) };
        if (healthCheck?.Port is { } checkPort && checkPort != port)
        {
            endpoint.HealthCheckConfig = new global::Envoy.Config.Endpoint.V3.Endpoint.Types.HealthCheckConfig { PortValue = (uint)checkPort };
        }

        return endpoint;
    }

    private static bool HasAttributes(EndpointInstance instance, IReadOnlyList<KeyValuePair<string, string>> required)
    {
        foreach (var (key, value) in required)
        {
            if (!instance.Attributes.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The address in canonical form, or null when it is not a strict IP literal of an allowed family.</summary>
    internal static string? CanonicalAddress(string address, IpPreference preference)
    {
        // IPAddress.TryParse also accepts "1" or "10.1" as IPv4; only dotted quads are IPv4 literals here.
        if (!IPAddress.TryParse(address, out var ip)
            || (ip.AddressFamily == AddressFamily.InterNetwork && address.Count(c => c == '.') != 3))
        {
            return null;
        }

        return (preference, ip.AddressFamily) switch
        {
            (IpPreference.IPv4Only, not AddressFamily.InterNetwork) => null,
            (IpPreference.IPv6Only, not AddressFamily.InterNetworkV6) => null,
            _ => ip.ToString(),
        };
    }
}
