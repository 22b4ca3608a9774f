namespace CloudMesh.ControlPlane.Protocol;

/// <summary>
/// What a client subscribed to for one type on one stream: the wildcard, explicit names, or both; implements the
/// legacy-wildcard rules of the xDS protocol ("How the client specifies what resources to return"). Not thread-safe:
/// owned by one session.
/// </summary>
public sealed class Subscription
{
    /// <summary>The explicit wildcard name.</summary>
    public const string WildcardName = "*";

    private readonly bool _legacyWildcardAllowed;
    private HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>Creates an empty subscription.</summary>
    /// <param name="legacyWildcardAllowed">True for LDS and CDS, where an empty first request means "*".</param>
    public Subscription(bool legacyWildcardAllowed)
    {
        _legacyWildcardAllowed = legacyWildcardAllowed;
    }

    /// <summary>True when the client receives every resource of the type meant for it.</summary>
    public bool IsWildcard { get; private set; }

    /// <summary>True once the client named any resource (including "*"): the legacy wildcard is then gone for good.</summary>
    public bool HasExplicitNames { get; private set; }

    /// <summary>Explicitly subscribed names, without "*".</summary>
    public IReadOnlySet<string> Names => _names;

    /// <summary>True when nothing is subscribed.</summary>
    public bool IsEmpty => !IsWildcard && _names.Count == 0;

    /// <summary>
    /// SotW: the request's resource_names replace the subscription. An empty list is the legacy wildcard only
    /// while the client has never named a resource; afterwards it unsubscribes from everything.
    /// </summary>
    public void Replace(IReadOnlyCollection<string> resourceNames)
    {
        ArgumentNullException.ThrowIfNull(resourceNames);
        if (resourceNames.Count == 0)
        {
            IsWildcard = !HasExplicitNames && _legacyWildcardAllowed;
            _names.Clear();
            return;
        }

        HasExplicitNames = true;
        var names = new HashSet<string>(resourceNames.Count, StringComparer.Ordinal);
        bool wildcard = false;
        foreach (string name in resourceNames)
        {
            if (name == WildcardName)
            {
                wildcard = true;
            }
            else
            {
                names.Add(name);
            }
        }

        IsWildcard = wildcard;
        _names = names;
    }

    /// <summary>
    /// Delta: applies resource_names_subscribe/unsubscribe. A first request that names nothing at all is the legacy
    /// wildcard, which later named subscriptions add to rather than replace; only unsubscribing "*" ends it.
    /// </summary>
    /// <returns>The names (re)subscribed and the names actually unsubscribed, both without "*".</returns>
    public DeltaSubscriptionChange Apply(
        IReadOnlyCollection<string> subscribe, IReadOnlyCollection<string> unsubscribe, bool firstRequest)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        ArgumentNullException.ThrowIfNull(unsubscribe);
        if (firstRequest && subscribe.Count == 0 && unsubscribe.Count == 0 && _legacyWildcardAllowed)
        {
            IsWildcard = true;
        }

        var subscribed = new List<string>();
        foreach (string name in subscribe)
        {
            HasExplicitNames = true;
            if (name == WildcardName)
            {
                IsWildcard = true;
            }
            else
            {
                _names.Add(name);
                subscribed.Add(name);
            }
        }

        var unsubscribed = new List<string>();
        bool wildcardDropped = false;
        foreach (string name in unsubscribe)
        {
            if (name == WildcardName)
            {
                wildcardDropped |= IsWildcard;
                IsWildcard = false;
            }
            else if (_names.Remove(name))
            {
                // Phantom unsubscriptions (names never subscribed) are ignored, as the protocol asks.
                unsubscribed.Add(name);
            }
        }

        return new DeltaSubscriptionChange(subscribed, unsubscribed, wildcardDropped);
    }
}

/// <summary>What one delta request changed in a <see cref="Subscription"/>.</summary>
/// <param name="Subscribed">Names subscribed by the request (also those already subscribed: they must be resent).</param>
/// <param name="Unsubscribed">Names that were subscribed and no longer are.</param>
/// <param name="WildcardDropped">True when the request ended a wildcard subscription.</param>
public sealed record DeltaSubscriptionChange(
    IReadOnlyList<string> Subscribed, IReadOnlyList<string> Unsubscribed, bool WildcardDropped);
