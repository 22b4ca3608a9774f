using CloudMesh.Xds;
using Envoy.Config.Accesslog.V3;
using Envoy.Config.Listener.V3;
using Envoy.Extensions.AccessLoggers.File.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using Hcm = Envoy.Extensions.Filters.Network.HttpConnectionManager.V3.HttpConnectionManager;

namespace CloudMesh.Proxy.DataPlane.Translation;

/// <summary>
/// LDS listeners as <see cref="ListenerPlan"/>s. A listener whose route configuration or clusters have not arrived
/// yet is reported as warming (null plan) rather than rejected, as Envoy does.
/// </summary>
internal static class ListenerTranslator
{
    private const string HcmFilter = "envoy.filters.network.http_connection_manager";
    private const string TcpProxyFilter = "envoy.filters.network.tcp_proxy";
    private const string RouterFilter = "envoy.filters.http.router";

    /// <summary>Listener filters whose job this data plane does itself (original destination, protocol sniffing).</summary>
    private static readonly HashSet<string> KnownListenerFilters = new(StringComparer.Ordinal)
    {
        "envoy.filters.listener.original_dst",
        "envoy.filters.listener.http_inspector",
        "envoy.filters.listener.tls_inspector",
    };

    /// <summary>The listener's plan, or null while it warms.</summary>
    /// <param name="listener">The LDS resource.</param>
    /// <param name="routes">Every compiled route table of the state, by name.</param>
    /// <param name="clusters">The names of every cluster of the state.</param>
    /// <param name="tls">Where certificate files are checked.</param>
    public static ListenerPlan? Translate(Listener listener, IReadOnlyDictionary<string, (RouteTable Table, IReadOnlyList<string> Clusters)> routes, IReadOnlySet<string> clusters, ITlsMaterialSource tls)
    {
        if (listener.Address?.SocketAddress is not { } socket || socket.PortSpecifierCase != Envoy.Config.Core.V3.SocketAddress.PortSpecifierOneofCase.PortValue)
        {
            throw new PlanRejection($"listener {listener.Name}: only socket addresses with a port value are supported");
        }

        foreach (var filter in listener.ListenerFilters)
        {
            if (!KnownListenerFilters.Contains(filter.Name))
            {
                throw new PlanRejection($"listener {listener.Name}: listener filter {filter.Name} is not supported");
            }
        }

        var ready = true;
        var chains = new List<FilterChainPlan>();
        foreach (var chain in listener.FilterChains)
        {
            var plan = Chain(listener.Name, chain, routes, clusters, tls, ref ready);
            chains.Add(plan);
        }

        FilterChainPlan? defaultChain = null;
        if (listener.DefaultFilterChain is { } fallback)
        {
            defaultChain = Chain(listener.Name, fallback, routes, clusters, tls, ref ready);
        }

        return ready ? new ListenerPlan(listener.Name, socket.Address, (int)socket.PortValue, chains, defaultChain) : null;
    }

    private static FilterChainPlan Chain(
        string listener,
        FilterChain chain,
        IReadOnlyDictionary<string, (RouteTable Table, IReadOnlyList<string> Clusters)> routes,
        IReadOnlySet<string> clusters,
        ITlsMaterialSource tls,
        ref bool ready)
    {
        var where = $"listener {listener}, filter chain {chain.Name}";
        DownstreamTlsPlan? secure = null;
        if (chain.TransportSocket is { } socket)
        {
            if (socket.TypedConfig is null && socket.Name == "envoy.transport_sockets.tls")
            {
                throw new PlanRejection($"{where}: the TLS transport socket has no typed_config (DownstreamTlsContext)");
            }

            secure = TlsTranslator.Downstream(where, socket, tls);
        }

        int? port = null;
        string? transport = null;
        var protocols = new HashSet<string>(StringComparer.Ordinal);
        if (chain.FilterChainMatch is { } match)
        {
            if (match.ServerNames.Count > 0 || match.PrefixRanges.Count > 0 || match.SourcePrefixRanges.Count > 0
                || match.DirectSourcePrefixRanges.Count > 0 || match.SourcePorts.Count > 0
                || match.SourceType != FilterChainMatch.Types.ConnectionSourceType.Any
                || (match.TransportProtocol.Length > 0 && match.TransportProtocol is not ("raw_buffer" or "tls")))
            {
                throw new PlanRejection($"{where}: only destination_port, transport_protocol (tls, raw_buffer) and application_protocols (http/1.1, h2c) matches are supported");
            }

            port = match.DestinationPort is { } p ? (int)p : null;
            transport = match.TransportProtocol.Length > 0 ? match.TransportProtocol : null;
            if (transport == "tls" && secure is null)
            {
                throw new PlanRejection($"{where}: a chain matching transport_protocol tls without a TLS transport socket (TLS passthrough) is not supported");
            }

            if (secure is not null && match.ApplicationProtocols.Count > 0)
            {
                throw new PlanRejection($"{where}: application_protocols matches (ALPN) on a TLS chain are not supported");
            }

            foreach (var protocol in match.ApplicationProtocols)
            {
                if (protocol is not ("http/1.1" or "h2c" or "http/1.0"))
                {
                    throw new PlanRejection($"{where}: application protocol {protocol} cannot be recognised without TLS");
                }

                protocols.Add(protocol);
            }
        }

        if (chain.Filters.Count != 1)
        {
            throw new PlanRejection($"{where}: exactly one network filter (http_connection_manager or tcp_proxy) is supported");
        }

        var filter = chain.Filters[0];
        if (filter.TypedConfig is null)
        {
            throw new PlanRejection($"{where}: filter {filter.Name} has no typed_config");
        }

        if (XdsMessageTypes.HttpConnectionManager.TryUnpack(filter.TypedConfig, out var manager))
        {
            return new FilterChainPlan(chain.Name, port, protocols, Http(where, manager, routes, clusters, ref ready), null, transport, secure);
        }

        if (XdsMessageTypes.TcpProxy.TryUnpack(filter.TypedConfig, out var tcp))
        {
            return new FilterChainPlan(chain.Name, port, protocols, null, Tcp(where, tcp, clusters, ref ready), transport, secure);
        }

        throw new PlanRejection($"{where}: network filter {filter.Name} ({filter.TypedConfig.TypeUrl}) is not supported");
    }

    private static HttpChainPlan Http(
        string where,
        Hcm manager,
        IReadOnlyDictionary<string, (RouteTable Table, IReadOnlyList<string> Clusters)> routes,
        IReadOnlySet<string> clusters,
        ref bool ready)
    {
        foreach (var httpFilter in manager.HttpFilters)
        {
            if (httpFilter.Name != RouterFilter && !(httpFilter.TypedConfig?.TypeUrl.EndsWith("envoy.extensions.filters.http.router.v3.Router", StringComparison.Ordinal) ?? false))
            {
                throw new PlanRejection($"{where}: HTTP filter {httpFilter.Name} is not supported (only the router)");
            }
        }

        RouteTable table;
        IReadOnlyList<string> referenced;
        switch (manager.RouteSpecifierCase)
        {
            case Hcm.RouteSpecifierOneofCase.Rds:
                if (!routes.TryGetValue(manager.Rds.RouteConfigName, out var entry))
                {
                    ready = false;
                    return new HttpChainPlan(manager.StatPrefix, new RouteTable(manager.Rds.RouteConfigName, []), null, false, []);
                }

                (table, referenced) = entry;
                break;
            case Hcm.RouteSpecifierOneofCase.RouteConfig:
                table = RouteTranslator.Translate(manager.RouteConfig);
                referenced = RouteTranslator.ReferencedClusters(manager.RouteConfig).ToList();
                break;
            default:
                throw new PlanRejection($"{where}: scoped routes are not supported");
        }

        if (referenced.Any(c => !clusters.Contains(c)))
        {
            ready = false;
        }

        TimeSpan? idle = manager.CommonHttpProtocolOptions?.IdleTimeout is { } d ? d.ToTimeSpan() : null;
        return new HttpChainPlan(manager.StatPrefix, table, idle, manager.StripAnyHostPort, AccessLogs(where, manager.AccessLog));
    }

    private static TcpChainPlan Tcp(string where, TcpProxy proxy, IReadOnlySet<string> clusters, ref bool ready)
    {
        TargetSet targets;
        if (proxy.ClusterSpecifierCase == TcpProxy.ClusterSpecifierOneofCase.Cluster)
        {
            targets = TargetSet.Single(proxy.Cluster);
        }
        else if (proxy.WeightedClusters is { } weighted && weighted.Clusters.Count > 0)
        {
            var list = weighted.Clusters.Where(c => c.Weight > 0).Select(c => new WeightedTarget(c.Name, c.Weight)).ToList();
            var total = list.Aggregate(0UL, (sum, t) => sum + t.Weight);
            if (total == 0)
            {
                throw new PlanRejection($"{where}: tcp_proxy weighted_clusters with no positive weight");
            }

            targets = new TargetSet(list, total);
        }
        else
        {
            throw new PlanRejection($"{where}: tcp_proxy needs a cluster or weighted_clusters");
        }

        if (targets.Targets.Any(t => !clusters.Contains(t.Cluster)))
        {
            ready = false;
        }

        // Envoy's tcp_proxy idle timeout defaults to one hour; zero disables it.
        var idle = proxy.IdleTimeout is { } d ? d.ToTimeSpan() : TimeSpan.FromHours(1);
        return new TcpChainPlan(proxy.StatPrefix, targets, idle > TimeSpan.Zero ? idle : null, AccessLogs(where, proxy.AccessLog));
    }

    private static List<AccessLogPlan> AccessLogs(string where, IEnumerable<AccessLog> logs)
    {
        var result = new List<AccessLogPlan>();
        foreach (var log in logs)
        {
            if (log.Filter is not null || log.TypedConfig is null || !XdsMessageTypes.FileAccessLog.TryUnpack(log.TypedConfig, out var file))
            {
                throw new PlanRejection($"{where}: access log {log.Name}: only unfiltered file access logs are supported");
            }

            string? text = null;
            List<KeyValuePair<string, string>>? json = null;
            if (file.LogFormat is { } format)
            {
                switch (format.FormatCase)
                {
                    case Envoy.Config.Core.V3.SubstitutionFormatString.FormatOneofCase.TextFormatSource:
                        text = format.TextFormatSource.InlineString;
                        break;
                    case Envoy.Config.Core.V3.SubstitutionFormatString.FormatOneofCase.TextFormat:
#pragma warning disable CS0612 // deprecated, still honoured
                        text = format.TextFormat;
#pragma warning restore CS0612
                        break;
                    case Envoy.Config.Core.V3.SubstitutionFormatString.FormatOneofCase.JsonFormat:
                        json = format.JsonFormat.Fields.Select(f => KeyValuePair.Create(f.Key, f.Value.StringValue)).ToList();
                        break;
                    default:
                        throw new PlanRejection($"{where}: access log format {format.FormatCase} is not supported");
                }
            }

            result.Add(new AccessLogPlan(file.Path, text, json));
        }

        return result;
    }
}
