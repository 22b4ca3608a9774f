#nullable enable
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.AccessLoggers.File.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using Envoy.Extensions.TransportSockets.Tls.V3;
using Envoy.Extensions.Upstreams.Http.V3;

namespace CloudMesh.Xds;

/// <summary>
/// The messages that travel inside an <c>Any</c> between the control plane and the proxy, each with its type URL and
/// parser (see <see cref="XdsMessageType{T}"/> for why not <c>Any.Pack</c>/<c>Unpack</c>). A test checks every URL
/// against the message's descriptor.
/// </summary>
public static class XdsMessageTypes
{
    /// <summary>LDS resources.</summary>
    public static XdsMessageType<Listener> Listener { get; } = new(XdsTypeUrls.Listener, Envoy.Config.Listener.V3.Listener.Parser);

    /// <summary>RDS resources.</summary>
    public static XdsMessageType<RouteConfiguration> RouteConfiguration { get; } =
        new(XdsTypeUrls.RouteConfiguration, Envoy.Config.Route.V3.RouteConfiguration.Parser);

    /// <summary>CDS resources.</summary>
    public static XdsMessageType<Cluster> Cluster { get; } = new(XdsTypeUrls.Cluster, Envoy.Config.Cluster.V3.Cluster.Parser);

    /// <summary>EDS resources.</summary>
    public static XdsMessageType<ClusterLoadAssignment> ClusterLoadAssignment { get; } =
        new(XdsTypeUrls.ClusterLoadAssignment, Envoy.Config.Endpoint.V3.ClusterLoadAssignment.Parser);

    /// <summary>The HTTP connection manager network filter (and proxyless gRPC's API listener).</summary>
    public static XdsMessageType<HttpConnectionManager> HttpConnectionManager { get; } = new(
        "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
        Envoy.Extensions.Filters.Network.HttpConnectionManager.V3.HttpConnectionManager.Parser);

    /// <summary>The TCP proxy network filter.</summary>
    public static XdsMessageType<TcpProxy> TcpProxy { get; } = new(
        "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy",
        Envoy.Extensions.Filters.Network.TcpProxy.V3.TcpProxy.Parser);

    /// <summary>The file access logger.</summary>
    public static XdsMessageType<FileAccessLog> FileAccessLog { get; } = new(
        "type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog",
        Envoy.Extensions.AccessLoggers.File.V3.FileAccessLog.Parser);

    /// <summary>A cluster's upstream HTTP protocol options (<c>typed_extension_protocol_options</c>).</summary>
    public static XdsMessageType<HttpProtocolOptions> HttpProtocolOptions { get; } = new(
        "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
        Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions.Parser);

    /// <summary>A listener filter chain's TLS transport socket.</summary>
    public static XdsMessageType<DownstreamTlsContext> DownstreamTlsContext { get; } = new(
        "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
        Envoy.Extensions.TransportSockets.Tls.V3.DownstreamTlsContext.Parser);

    /// <summary>A cluster's TLS transport socket.</summary>
    public static XdsMessageType<UpstreamTlsContext> UpstreamTlsContext { get; } = new(
        "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
        Envoy.Extensions.TransportSockets.Tls.V3.UpstreamTlsContext.Parser);
}
