using CloudMesh.Proxy.DataPlane.Translation;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>
/// Envoy's filter chain match, for the criteria this data plane supports: destination port first (an exact port beats
/// chains without one), then transport protocol (tls or raw_buffer, a chain naming it beats one naming none), then application protocol (a chain naming the sniffed protocol beats one naming none), then
/// the default chain. A connection that was not redirected has no original destination port: it matches the chains
/// without a port, else a listener's only destination-port chain (no iptables: the listener stands for that port).
/// </summary>
internal static class FilterChainSelector
{
    /// <summary>The chains that could serve a connection to <paramref name="destinationPort"/> (null = not redirected).</summary>
    public static List<FilterChainPlan> Candidates(ListenerPlan listener, int? destinationPort)
    {
        var candidates = new List<FilterChainPlan>();
        if (destinationPort is { } port)
        {
            candidates.AddRange(listener.Chains.Where(c => c.DestinationPort == port));
        }

        if (candidates.Count == 0)
        {
            candidates.AddRange(listener.Chains.Where(c => c.DestinationPort is null));
        }

        if (candidates.Count == 0 && destinationPort is null)
        {
            // One destination port (its TLS and cleartext chains, in PERMISSIVE mode, count as one).
            var withPort = listener.Chains.Where(c => c.DestinationPort is not null).ToList();
            if (withPort.Count > 0 && withPort.All(c => c.DestinationPort == withPort[0].DestinationPort))
            {
                candidates.AddRange(withPort);
            }
        }

        return candidates;
    }

    /// <summary>True when telling the candidates apart needs to know whether the client speaks TLS.</summary>
    public static bool NeedsTransport(List<FilterChainPlan> candidates) => candidates.Any(c => c.TransportProtocol is not null);

    /// <summary>The candidates for the detected transport protocol: those naming it, else those naming none.</summary>
    public static List<FilterChainPlan> ByTransport(List<FilterChainPlan> candidates, string? transport)
    {
        if (transport is null)
        {
            return candidates;
        }

        var named = candidates.Where(c => c.TransportProtocol == transport).ToList();
        return named.Count > 0 ? named : candidates.Where(c => c.TransportProtocol is null).ToList();
    }

    /// <summary>True when telling the candidates apart needs the client's first bytes.</summary>
    public static bool NeedsProtocol(List<FilterChainPlan> candidates) => candidates.Any(c => c.ApplicationProtocols.Count > 0);

    /// <summary>The chain for the sniffed protocol (null when unknown), else the listener's default chain, else null (close).</summary>
    public static FilterChainPlan? Select(ListenerPlan listener, List<FilterChainPlan> candidates, string? protocol)
    {
        if (protocol is not null)
        {
            foreach (var chain in candidates)
            {
                if (chain.ApplicationProtocols.Contains(protocol))
                {
                    return chain;
                }
            }
        }

        foreach (var chain in candidates)
        {
            if (chain.ApplicationProtocols.Count == 0)
            {
                return chain;
            }
        }

        return listener.DefaultChain;
    }
}
