using CloudMesh.Proxy.Xds.State;
using CloudMesh.Xds;

namespace CloudMesh.Proxy.Xds.Protocol;

/// <summary>
/// The EDS and RDS names one stream is subscribed to, and what must change when the held clusters and listeners
/// refer to other names. Not thread-safe: one stream loop uses it.
/// </summary>
internal sealed class SubscriptionTracker
{
    private readonly Dictionary<string, SortedSet<string>> _subscribed = new(StringComparer.Ordinal)
    {
        [XdsTypeUrls.ClusterLoadAssignment] = new(StringComparer.Ordinal),
        [XdsTypeUrls.RouteConfiguration] = new(StringComparer.Ordinal),
    };

    /// <summary>The named (non-wildcard) types, in the order requests for them go out.</summary>
    public static IReadOnlyList<string> NamedTypes { get; } = [XdsTypeUrls.ClusterLoadAssignment, XdsTypeUrls.RouteConfiguration];

    /// <summary>The names currently subscribed for <paramref name="typeUrl"/> (EDS or RDS).</summary>
    public IReadOnlyCollection<string> Subscribed(string typeUrl) => _subscribed[typeUrl];

    /// <summary>What <paramref name="state"/> refers to for <paramref name="typeUrl"/>.</summary>
    public static SortedSet<string> Desired(string typeUrl, XdsState state) =>
        typeUrl == XdsTypeUrls.ClusterLoadAssignment ? XdsReferences.EndpointNames(state) : XdsReferences.RouteNames(state);

    /// <summary>
    /// Moves the subscription of <paramref name="typeUrl"/> to what <paramref name="state"/> refers to; returns the
    /// names added and removed (both empty: nothing to send).
    /// </summary>
    public (IReadOnlyList<string> Added, IReadOnlyList<string> Removed) Follow(string typeUrl, XdsState state)
    {
        SortedSet<string> desired = Desired(typeUrl, state);
        SortedSet<string> current = _subscribed[typeUrl];
        List<string> added = [.. desired.Where(name => !current.Contains(name))];
        List<string> removed = [.. current.Where(name => !desired.Contains(name))];
        _subscribed[typeUrl] = desired;
        return (added, removed);
    }
}
