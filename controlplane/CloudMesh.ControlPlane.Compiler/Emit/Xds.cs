using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.Router.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>Small constructors for the Envoy messages every builder needs.</summary>
internal static class Xds
{
    public const string HttpConnectionManagerFilter = "envoy.filters.network.http_connection_manager";
    public const string TcpProxyFilter = "envoy.filters.network.tcp_proxy";
    public const string RouterFilter = "envoy.filters.http.router";
    public const string OriginalDstFilter = "envoy.filters.listener.original_dst";
    public const string TlsInspectorFilter = "envoy.filters.listener.tls_inspector";
    public const string HttpInspectorFilter = "envoy.filters.listener.http_inspector";
    public const string FileAccessLogger = "envoy.access_loggers.file";
    public const string TlsTransportSocket = "envoy.transport_sockets.tls";
    public const string HttpProtocolOptionsKey = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

    public static Any Pack(IMessage message) => Any.Pack(message);

    /// <summary>A protobuf Duration, clamped to the range protobuf allows (about 10,000 years).</summary>
    public static Duration Millis(long millis)
    {
        millis = Math.Clamp(millis, 0, 315_576_000_000_000L);
        return new Duration { Seconds = millis / 1000, Nanos = (int)(millis % 1000) * 1_000_000 };
    }

    /// <summary>Resources come over the same ADS stream, in the v3 API.</summary>
    public static ConfigSource Ads() => new() { Ads = new AggregatedConfigSource(), ResourceApiVersion = ApiVersion.V3 };

    /// <summary>Secrets from the proxy's local SDS agent (see <see cref="ResourceNames.LocalSdsCluster"/>).</summary>
    public static ConfigSource LocalSds() => new()
    {
        ResourceApiVersion = ApiVersion.V3,
        ApiConfigSource = new ApiConfigSource
        {
            ApiType = ApiConfigSource.Types.ApiType.Grpc,
            TransportApiVersion = ApiVersion.V3,
            GrpcServices = { new GrpcService { EnvoyGrpc = new GrpcService.Types.EnvoyGrpc { ClusterName = ResourceNames.LocalSdsCluster } } },
        },
    };

    public static Address SocketAddress(string address, int port, bool ipv4Compat = false) => new()
    {
        SocketAddress = new global::Envoy.Config.Core.V3.SocketAddress
        {
            Address = address,
            PortValue = (uint)port,
            Ipv4Compat = ipv4Compat,
        },
    };

    /// <summary>The router filter; gRPC's xDS client requires it to be the last HTTP filter.</summary>
    public static HttpFilter Router() => new() { Name = RouterFilter, TypedConfig = Pack(new Router()) };

    public static Rds Rds(string routeConfiguration) => new() { ConfigSource = Ads(), RouteConfigName = routeConfiguration };
}
