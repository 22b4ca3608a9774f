using CloudMesh.Xds;

namespace CloudMesh.ControlPlane.Resources;

/// <summary>
/// The resources of one type for one proxy identity, ordered by name, with the set's version precomputed.
/// Immutable; shared by every stream of the identity.
/// </summary>
public sealed class ResourceSet
{
    private readonly Dictionary<string, XdsResource> _byName;

    private ResourceSet(string typeUrl, XdsResource[] items, Dictionary<string, XdsResource> byName)
    {
        TypeUrl = typeUrl;
        Items = items;
        _byName = byName;
        Version = ContentHash.OfSet(items);
    }

    /// <summary>The type URL of every resource in the set.</summary>
    public string TypeUrl { get; }

    /// <summary>The resources, ordered by name (ordinal).</summary>
    public IReadOnlyList<XdsResource> Items { get; }

    /// <summary>A hash of every (name, version) in the set: what a SotW response carrying exactly this set is versioned as.</summary>
    public string Version { get; }

    /// <summary>Number of resources.</summary>
    public int Count => Items.Count;

    /// <summary>An empty set of <paramref name="typeUrl"/>.</summary>
    public static ResourceSet Empty(string typeUrl) => new(typeUrl, [], new Dictionary<string, XdsResource>(StringComparer.Ordinal));

    /// <summary>Builds a set; fails when two resources share a name (clients NACK such responses) or a type differs.</summary>
    public static ResourceSet Create(string typeUrl, IEnumerable<XdsResource> resources) => Create(typeUrl, resources, previous: null);

    /// <summary>
    /// As <see cref="Create(string, IEnumerable{XdsResource})"/>, but returns <paramref name="previous"/> itself when it
    /// holds exactly these resource instances: the identity's set did not change, so neither its lookup table nor its
    /// version needs building again (a recompute after a change usually leaves most of an identity's sets as they were).
    /// </summary>
    public static ResourceSet Create(string typeUrl, IEnumerable<XdsResource> resources, ResourceSet? previous)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeUrl);
        ArgumentNullException.ThrowIfNull(resources);
        XdsResource[] items = [.. resources];
        Array.Sort(items, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        if (previous is not null && previous.TypeUrl == typeUrl && SameInstances(previous.Items, items))
        {
            return previous;
        }

        var byName = new Dictionary<string, XdsResource>(items.Length, StringComparer.Ordinal);
        foreach (XdsResource item in items)
        {
            if (item.TypeUrl != typeUrl)
            {
                throw new ArgumentException($"Resource '{item.Name}' is a {item.TypeUrl}, not a {typeUrl}.", nameof(resources));
            }

            if (!byName.TryAdd(item.Name, item))
            {
                throw new ArgumentException(
                    $"Two {XdsTypeUrls.ShortName(typeUrl)} resources are named '{item.Name}'; names must be unique per type.",
                    nameof(resources));
            }
        }

        return new ResourceSet(typeUrl, items, byName);
    }

    private static bool SameInstances(IReadOnlyList<XdsResource> a, XdsResource[] b)
    {
        if (a.Count != b.Length)
        {
            return false;
        }

        for (int i = 0; i < b.Length; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The resource named <paramref name="name"/>, or null.</summary>
    public XdsResource? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>True when a resource is named <paramref name="name"/>.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);
}
