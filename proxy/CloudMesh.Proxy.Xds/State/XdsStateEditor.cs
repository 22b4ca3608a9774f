using System.Collections.Immutable;
using CloudMesh.Proxy.Xds.Protocol;
using CloudMesh.Xds;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Service.Discovery.V3;
using Google.Protobuf;

namespace CloudMesh.Proxy.Xds.State;

/// <summary>
/// Builds the candidate state a discovery response produces from the held one. Pure: the held state is never edited.
/// </summary>
/// <remarks>
/// After each edit, endpoints no EDS cluster refers to and route configurations no listener refers to are dropped,
/// as Envoy drops them with their cluster or listener; the client unsubscribes from those names right after.
/// </remarks>
internal static class XdsStateEditor
{
    /// <summary>
    /// State of the world: LDS and CDS responses replace the whole type; EDS and RDS responses replace only the
    /// resources they name (others stay until nothing refers to them).
    /// </summary>
    /// <exception cref="XdsResourceException">A resource does not decode, or a name appears twice.</exception>
    public static HeldXdsState ApplySotw(HeldXdsState held, DiscoveryResponse response)
    {
        string typeUrl = response.TypeUrl;
        List<DecodedResource> resources = [.. response.Resources.Select(any => DecodedResource.Decode(typeUrl, any))];
        RejectDuplicates(typeUrl, resources);
        bool replaceAll = XdsTypeUrls.IsWildcardRootType(typeUrl);
        (XdsState state, IReadOnlyCollection<string> removed) = Edit(held.State, typeUrl, resources, [], replaceAll);

        // SotW carries no per-resource versions: what the response touched no longer has a known delta version.
        TypeVersions previous = held.VersionsOf(typeUrl);
        TypeVersions versions = new(
            response.VersionInfo,
            previous.ResourceVersions.RemoveRange(resources.Select(r => r.Name)).RemoveRange(removed));
        return Prune(new HeldXdsState(state, held.Versions.SetItem(typeUrl, versions)));
    }

    /// <summary>Incremental: added or updated resources replace theirs, removed_resources are dropped.</summary>
    /// <exception cref="XdsResourceException">A resource does not decode, or a name appears twice.</exception>
    public static HeldXdsState ApplyDelta(HeldXdsState held, DeltaDiscoveryResponse response)
    {
        string typeUrl = response.TypeUrl;
        List<DecodedResource> resources = [.. response.Resources
            .Where(r => r.Resource_ is not null)
            .Select(r => DecodedResource.Decode(typeUrl, r.Resource_, r.Name, r.Version))];
        RejectDuplicates(typeUrl, resources);
        (XdsState state, IReadOnlyCollection<string> removed) = Edit(held.State, typeUrl, resources, response.RemovedResources, replaceAll: false);

        ImmutableDictionary<string, string> resourceVersions = held.VersionsOf(typeUrl).ResourceVersions.RemoveRange(removed);
        foreach (DecodedResource resource in resources)
        {
            resourceVersions = resource.Version.Length > 0
                ? resourceVersions.SetItem(resource.Name, resource.Version)
                : resourceVersions.Remove(resource.Name);
        }

        TypeVersions versions = new(response.SystemVersionInfo, resourceVersions);
        return Prune(new HeldXdsState(state, held.Versions.SetItem(typeUrl, versions)));
    }

    /// <summary>True when both states hold the same resources (protobuf value equality).</summary>
    public static bool SameResources(XdsState a, XdsState b) =>
        Same(a.Listeners, b.Listeners)
        && Same(a.RouteConfigurations, b.RouteConfigurations)
        && Same(a.Clusters, b.Clusters)
        && Same(a.ClusterLoadAssignments, b.ClusterLoadAssignments);

    /// <summary>Drops endpoints and route configurations nothing refers to any more (and their versions).</summary>
    /// <exception cref="XdsResourceException">A listener's HTTP connection manager does not parse.</exception>
    public static HeldXdsState Prune(HeldXdsState held)
    {
        SortedSet<string> endpointNames = XdsReferences.EndpointNames(held.State);
        SortedSet<string> routeNames;
        try
        {
            routeNames = XdsReferences.RouteNames(held.State);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new XdsResourceException($"A listener's HTTP connection manager does not parse: {ex.Message}", ex);
        }

        string[] staleEndpoints = [.. held.State.ClusterLoadAssignments.Keys.Where(name => !endpointNames.Contains(name))];
        string[] staleRoutes = [.. held.State.RouteConfigurations.Keys.Where(name => !routeNames.Contains(name))];
        if (staleEndpoints.Length == 0 && staleRoutes.Length == 0)
        {
            return held;
        }

        XdsState state = held.State with
        {
            ClusterLoadAssignments = held.State.ClusterLoadAssignments.RemoveRange(staleEndpoints),
            RouteConfigurations = held.State.RouteConfigurations.RemoveRange(staleRoutes),
        };
        ImmutableDictionary<string, TypeVersions> versions = held.Versions;
        versions = WithoutResources(versions, XdsTypeUrls.ClusterLoadAssignment, staleEndpoints);
        versions = WithoutResources(versions, XdsTypeUrls.RouteConfiguration, staleRoutes);
        return new HeldXdsState(state, versions);
    }

    private static ImmutableDictionary<string, TypeVersions> WithoutResources(
        ImmutableDictionary<string, TypeVersions> versions, string typeUrl, string[] names) =>
        names.Length > 0 && versions.TryGetValue(typeUrl, out TypeVersions? type)
            ? versions.SetItem(typeUrl, type with { ResourceVersions = type.ResourceVersions.RemoveRange(names) })
            : versions;

    private static void RejectDuplicates(string typeUrl, List<DecodedResource> resources)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (DecodedResource resource in resources)
        {
            if (!seen.Add(resource.Name))
            {
                throw new XdsResourceException($"The {XdsTypeUrls.ShortName(typeUrl)} response carries '{resource.Name}' twice.");
            }
        }
    }

    private static (XdsState State, IReadOnlyCollection<string> Removed) Edit(
        XdsState state, string typeUrl, List<DecodedResource> resources, IEnumerable<string> removals, bool replaceAll)
    {
        switch (typeUrl)
        {
            case XdsTypeUrls.Listener:
                (ImmutableDictionary<string, Listener> listeners, IReadOnlyCollection<string> removedListeners) =
                    Edit(state.Listeners, resources, removals, replaceAll);
                return (state with { Listeners = listeners }, removedListeners);
            case XdsTypeUrls.RouteConfiguration:
                (ImmutableDictionary<string, RouteConfiguration> routes, IReadOnlyCollection<string> removedRoutes) =
                    Edit(state.RouteConfigurations, resources, removals, replaceAll);
                return (state with { RouteConfigurations = routes }, removedRoutes);
            case XdsTypeUrls.Cluster:
                (ImmutableDictionary<string, Cluster> clusters, IReadOnlyCollection<string> removedClusters) =
                    Edit(state.Clusters, resources, removals, replaceAll);
                return (state with { Clusters = clusters }, removedClusters);
            case XdsTypeUrls.ClusterLoadAssignment:
                (ImmutableDictionary<string, ClusterLoadAssignment> endpoints, IReadOnlyCollection<string> removedEndpoints) =
                    Edit(state.ClusterLoadAssignments, resources, removals, replaceAll);
                return (state with { ClusterLoadAssignments = endpoints }, removedEndpoints);
            default:
                throw new XdsResourceException($"Resource type '{typeUrl}' is not supported by this proxy.");
        }
    }

    private static (ImmutableDictionary<string, T> Result, IReadOnlyCollection<string> Removed) Edit<T>(
        ImmutableDictionary<string, T> current, List<DecodedResource> resources, IEnumerable<string> removals, bool replaceAll)
        where T : class, IMessage<T>
    {
        ImmutableDictionary<string, T>.Builder builder = current.ToBuilder();
        var removed = new List<string>();
        if (replaceAll)
        {
            var kept = new HashSet<string>(resources.Select(r => r.Name), StringComparer.Ordinal);
            removed.AddRange(current.Keys.Where(name => !kept.Contains(name)));
        }

        removed.AddRange(removals.Where(current.ContainsKey));
        foreach (string name in removed)
        {
            builder.Remove(name);
        }

        foreach (DecodedResource resource in resources)
        {
            builder[resource.Name] = (T)resource.Message;
        }

        return (builder.ToImmutable(), removed);
    }

    private static bool Same<T>(ImmutableDictionary<string, T> a, ImmutableDictionary<string, T> b)
        where T : class, IMessage<T>
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        foreach ((string name, T value) in a)
        {
            if (!b.TryGetValue(name, out T? other) || !value.Equals(other))
            {
                return false;
            }
        }

        return true;
    }
}
