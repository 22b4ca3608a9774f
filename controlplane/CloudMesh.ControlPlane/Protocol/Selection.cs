using CloudMesh.ControlPlane.Resources;

namespace CloudMesh.ControlPlane.Protocol;

/// <summary>The resources one subscription gets from a snapshot, ordered by name, and the version of exactly that set.</summary>
/// <param name="Items">The resources (shared with the snapshot when the subscription is a plain wildcard).</param>
/// <param name="Version">A hash of the (name, version) pairs: equal exactly when the client would receive the same resources.</param>
internal readonly record struct Selection(IReadOnlyList<XdsResource> Items, string Version)
{
    /// <summary>
    /// Applies <paramref name="subscription"/> to <paramref name="snapshot"/>, adding <paramref name="retained"/>
    /// resources the snapshot no longer has (make-before-break).
    /// </summary>
    public static Selection Of(
        ProxySnapshot snapshot, string typeUrl, Subscription subscription, IReadOnlyList<XdsResource>? retained = null)
    {
        bool hasRetained = retained is { Count: > 0 };
        if (subscription.IsWildcard && subscription.Names.Count == 0 && !hasRetained)
        {
            // The common Envoy case: no allocation, the snapshot's precomputed version.
            IReadOnlyList<XdsResource> all = snapshot.Wildcard(typeUrl);
            return new Selection(all, snapshot.WildcardVersion(typeUrl) ?? ContentHash.OfSet(all));
        }

        if (!hasRetained && NamesCoverWildcard(snapshot, typeUrl, subscription))
        {
            // Envoy names every cluster of CDS in its EDS subscription and every route configuration of LDS in its
            // RDS one: the selection is then exactly the wildcard set, whose version is already computed. This runs
            // on every ACK, so skipping the list, the sort and the hash matters at a thousand streams.
            IReadOnlyList<XdsResource> all = snapshot.Wildcard(typeUrl);
            return new Selection(all, snapshot.WildcardVersion(typeUrl) ?? ContentHash.OfSet(all));
        }

        var items = new List<XdsResource>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (subscription.IsWildcard)
        {
            foreach (XdsResource resource in snapshot.Wildcard(typeUrl))
            {
                items.Add(resource);
                seen.Add(resource.Name);
            }
        }

        foreach (string name in subscription.Names)
        {
            if (!seen.Contains(name) && snapshot.Find(typeUrl, name) is { } resource)
            {
                items.Add(resource);
                seen.Add(name);
            }
        }

        if (hasRetained)
        {
            foreach (XdsResource resource in retained!)
            {
                if (seen.Add(resource.Name))
                {
                    items.Add(resource);
                }
            }
        }

        items.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new Selection(items, ContentHash.OfSet(items));
    }

    /// <summary>
    /// True when the subscription selects exactly the wildcard set: every name it lists is in that set, and it is
    /// either a wildcard or names as many resources as the set has (names are distinct, so the sets are equal).
    /// </summary>
    private static bool NamesCoverWildcard(ProxySnapshot snapshot, string typeUrl, Subscription subscription)
    {
        IReadOnlySet<string> names = subscription.Names;
        if (!subscription.IsWildcard && names.Count != snapshot.Wildcard(typeUrl).Count)
        {
            return false;
        }

        foreach (string name in names)
        {
            if (!snapshot.InWildcard(typeUrl, name))
            {
                return false;
            }
        }

        return true;
    }
}
