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
}
