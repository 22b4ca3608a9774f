using CloudMesh.ControlPlane.Compiler.Specs;
using Envoy.Config.Core.V3;
using Envoy.Config.Listener.V3;
using Envoy.Extensions.Filters.Listener.HttpInspector.V3;
using Envoy.Extensions.Filters.Listener.OriginalDst.V3;
using Envoy.Extensions.Filters.Listener.TlsInspector.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Hcm = Envoy.Extensions.Filters.Network.HttpConnectionManager.V3.HttpConnectionManager;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>Pieces shared by the inbound, outbound and gateway listeners.</summary>
internal static class ListenerParts
{
    /// <summary>The bind address: 0.0.0.0, or :: (accepting IPv4 too) once the mesh or node states any IP preference, as App Mesh does.</summary>
    public static string BindAddress(IpPreference preference) => preference == IpPreference.None ? "0.0.0.0" : "::";

    public static Address Bind(IpPreference preference, int port) =>
        Xds.SocketAddress(BindAddress(preference), port, ipv4Compat: preference != IpPreference.None);

    public static ListenerFilter OriginalDestination() =>
        new() { Name = Xds.OriginalDstFilter, TypedConfig = Xds.Pack(new OriginalDst()) };

    public static ListenerFilter TlsInspector() =>
        new() { Name = Xds.TlsInspectorFilter, TypedConfig = Xds.Pack(new TlsInspector()) };

    public static ListenerFilter HttpInspector() =>
        new() { Name = Xds.HttpInspectorFilter, TypedConfig = Xds.Pack(new HttpInspector()) };

    /// <summary>An HTTP connection manager fetching its routes over RDS, with the router as the only HTTP filter.</summary>
    public static Hcm HttpConnectionManager(string statPrefix, string routeConfiguration, AccessLogSpec? accessLog)
    {
        var manager = new Hcm
        {
            StatPrefix = statPrefix,
            CodecType = Hcm.Types.CodecType.Auto,
            Rds = Xds.Rds(routeConfiguration),
            HttpFilters = { Xds.Router() },
        };
        if (accessLog is not null)
        {
            manager.AccessLog.Add(AccessLogs.File(accessLog));
        }

        return manager;
    }

    public static Filter Filter(Hcm manager) =>
        new() { Name = Xds.HttpConnectionManagerFilter, TypedConfig = Xds.Pack(manager) };

    public static Filter Filter(TcpProxy proxy) =>
        new() { Name = Xds.TcpProxyFilter, TypedConfig = Xds.Pack(proxy) };

    /// <summary>
    /// The filter chains for one listener port with its TLS mode: one plain chain; one TLS chain (STRICT);
    /// or both, told apart by the TLS inspector's transport protocol (PERMISSIVE).
    /// </summary>
    public static IEnumerable<FilterChain> Chains(string name, FilterChainMatch? match, Filter filter, ListenerTlsSpec? tls)
    {
        if (tls is null)
        {
            yield return new FilterChain { Name = name, FilterChainMatch = match, Filters = { filter } };
            yield break;
        }

        var secure = new FilterChain { Name = tls.Mode == ListenerTlsMode.Strict ? name : name + "_tls", Filters = { filter }, TransportSocket = TlsContexts.Downstream(tls) };
        if (tls.Mode == ListenerTlsMode.Strict)
        {
            secure.FilterChainMatch = match;
            yield return secure;
            yield break;
        }

        var tlsMatch = match?.Clone() ?? new FilterChainMatch();
        tlsMatch.TransportProtocol = "tls";
        secure.FilterChainMatch = tlsMatch;
        yield return secure;

        var plainMatch = match?.Clone() ?? new FilterChainMatch();
        plainMatch.TransportProtocol = "raw_buffer";
        yield return new FilterChain { Name = name, FilterChainMatch = plainMatch, Filters = { filter.Clone() } };
    }
}
