namespace Grpc.Core;

/// <summary>
/// The authenticated facts about a call's peer (on this transport: its TLS client certificate, if any).
/// </summary>
public class AuthContext
{
    private readonly Dictionary<string, List<AuthProperty>> _properties;

    /// <summary>Creates a context; <paramref name="peerIdentityPropertyName"/> is null for an unauthenticated peer.</summary>
    public AuthContext(string? peerIdentityPropertyName, Dictionary<string, List<AuthProperty>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        PeerIdentityPropertyName = peerIdentityPropertyName;
        _properties = properties;
    }

    /// <summary>Whether the peer is authenticated.</summary>
    public bool IsPeerAuthenticated => PeerIdentityPropertyName is not null;

    /// <summary>The name of the properties that identify the peer; null when unauthenticated.</summary>
    public string? PeerIdentityPropertyName { get; }

    /// <summary>The properties that identify the peer; empty when unauthenticated.</summary>
    public IEnumerable<AuthProperty> PeerIdentity => PeerIdentityPropertyName is null ? [] : FindPropertiesByName(PeerIdentityPropertyName);

    /// <summary>Every property.</summary>
    public IEnumerable<AuthProperty> Properties => _properties.Values.SelectMany(list => list);

    /// <summary>The properties named <paramref name="propertyName"/>.</summary>
    public IEnumerable<AuthProperty> FindPropertiesByName(string propertyName) =>
        _properties.TryGetValue(propertyName, out var list) ? list : [];
}
