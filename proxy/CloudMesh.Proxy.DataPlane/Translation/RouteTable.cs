using Microsoft.AspNetCore.Http;

namespace CloudMesh.Proxy.DataPlane.Translation;

/// <summary>
/// A compiled RouteConfiguration: virtual hosts found by Host/:authority as Envoy does (exact domain, then the
/// longest suffix wildcard <c>*.example.com</c>, then the longest prefix wildcard <c>example.*</c>, then <c>*</c>;
/// case-insensitive), then the first route of that host whose match holds.
/// </summary>
internal sealed class RouteTable
{
    private readonly Dictionary<string, VirtualHostPlan> _exact;
    private readonly List<(string Suffix, VirtualHostPlan Host)> _suffixes;
    private readonly List<(string Prefix, VirtualHostPlan Host)> _prefixes;
    private readonly VirtualHostPlan? _any;

    public RouteTable(string name, IReadOnlyList<(IReadOnlyList<string> Domains, VirtualHostPlan Host)> hosts)
    {
        Name = name;
        _exact = new Dictionary<string, VirtualHostPlan>(StringComparer.OrdinalIgnoreCase);
        _suffixes = [];
        _prefixes = [];
        foreach (var (domains, host) in hosts)
        {
            foreach (var domain in domains)
            {
                if (domain == "*")
                {
                    _any ??= host;
                }
                else if (domain.StartsWith('*'))
                {
                    _suffixes.Add((domain[1..], host));
                }
                else if (domain.EndsWith('*'))
                {
                    _prefixes.Add((domain[..^1], host));
                }
                else
                {
                    _exact.TryAdd(domain, host);
                }
            }
        }

        // Longest wildcard first: Envoy prefers the most specific one.
        _suffixes.Sort((a, b) => b.Suffix.Length.CompareTo(a.Suffix.Length));
        _prefixes.Sort((a, b) => b.Prefix.Length.CompareTo(a.Prefix.Length));
        VirtualHosts = hosts.Select(h => h.Host).ToList();
    }

    /// <summary>The route configuration's name.</summary>
    public string Name { get; }

    /// <summary>The virtual hosts in configuration order.</summary>
    public IReadOnlyList<VirtualHostPlan> VirtualHosts { get; }

    /// <summary>The virtual host for <paramref name="host"/> (the Host header as received, possibly with a port).</summary>
    public VirtualHostPlan? FindHost(string host)
    {
        if (_exact.TryGetValue(host, out var exact))
        {
            return exact;
        }

        foreach (var (suffix, candidate) in _suffixes)
        {
            // A wildcard stands for at least one character.
            if (host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        foreach (var (prefix, candidate) in _prefixes)
        {
            if (host.Length > prefix.Length && host.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return _any;
    }

    /// <summary>The first matching route of the request's virtual host, with that host; null route when none matches.</summary>
    public (VirtualHostPlan? Host, RoutePlan? Route) Find(string host, HttpRequest request)
    {
        var virtualHost = FindHost(host);
        if (virtualHost is null)
        {
            return (null, null);
        }

        foreach (var route in virtualHost.Routes)
        {
            if (route.Match.Matches(request))
            {
                return (virtualHost, route);
            }
        }

        return (virtualHost, null);
    }
}
