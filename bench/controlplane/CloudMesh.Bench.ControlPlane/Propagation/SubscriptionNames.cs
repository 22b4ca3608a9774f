using Envoy.Config.Cluster.V3;
using Envoy.Config.Listener.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.Bench.ControlPlane.Propagation;

/// <summary>
/// What Envoy subscribes to by name after a wildcard response: the EDS names of its EDS clusters, and the RDS names of
/// its listeners' HTTP connection managers. Sorted, so an unchanged set compares equal.
/// </summary>
internal static class SubscriptionNames
{
    private static readonly string HcmType = "type.googleapis.com/" + HttpConnectionManager.Descriptor.FullName;

    /// <summary>EDS resource names of the EDS clusters in a CDS response.</summary>
    public static string[] EndpointNames(IEnumerable<Any> clusters) =>
        [.. clusters.Select(any => Cluster.Parser.ParseFrom(any.Value))
            .Where(c => c.ClusterDiscoveryTypeCase == Cluster.ClusterDiscoveryTypeOneofCase.Type && c.Type == Cluster.Types.DiscoveryType.Eds)
            .Select(c => string.IsNullOrEmpty(c.EdsClusterConfig?.ServiceName) ? c.Name : c.EdsClusterConfig.ServiceName)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    /// <summary>RDS names referenced by the listeners of an LDS response (every filter chain and the default one).</summary>
    public static string[] RouteNames(IEnumerable<Any> listeners) =>
        [.. listeners.Select(any => Listener.Parser.ParseFrom(any.Value))
            .SelectMany(l => l.FilterChains.Append(l.DefaultFilterChain).Where(chain => chain is not null))
            .SelectMany(chain => chain.Filters)
            .Where(f => f.TypedConfig is { } config && config.TypeUrl == HcmType)
            .Select(f => HttpConnectionManager.Parser.ParseFrom(f.TypedConfig.Value))
            .Where(hcm => hcm.RouteSpecifierCase == HttpConnectionManager.RouteSpecifierOneofCase.Rds)
            .Select(hcm => hcm.Rds.RouteConfigName)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    /// <summary>Whether any resource's serialized bytes contain <paramref name="marker"/> (UTF-8).</summary>
    public static bool AnyContains(IEnumerable<Any> resources, ReadOnlySpan<byte> marker)
    {
        foreach (var resource in resources)
        {
            if (resource.Value.Span.IndexOf(marker) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Serializes a message to an <see cref="Any"/> as a control plane would (tests build responses with it).</summary>
    public static Any Pack(IMessage message) => Any.Pack(message);
}
