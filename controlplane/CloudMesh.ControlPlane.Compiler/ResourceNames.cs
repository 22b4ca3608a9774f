using CloudMesh.ControlPlane.Compiler.Specs;

namespace CloudMesh.ControlPlane.Compiler;

/// <summary>
/// Every xDS resource name the compiler mints, in one place. Names follow App Mesh's Envoy conventions
/// (lds_/rds_/cds_ prefixes, ingress 15000, egress 15001) so dashboards and runbooks written against App
/// Mesh keep working, and they are stable: the same mesh always yields the same names.
/// </summary>
public static class ResourceNames
{
    /// <summary>App Mesh's ingress port: iptables redirects inbound traffic for the application's ports here.</summary>
    public const int IngressPort = 15000;

    /// <summary>App Mesh's egress port: iptables redirects the application's outbound traffic here.</summary>
    public const int EgressPort = 15001;

    /// <summary>The ORIGINAL_DST cluster that carries traffic to destinations outside the mesh (egress filter ALLOW_ALL).</summary>
    public const string PassthroughCluster = "cds_egress_passthrough";

    /// <summary>
    /// The static cluster a proxy's bootstrap defines for its local SDS agent (e.g. SPIRE); listeners and
    /// clusters whose certificates come from <c>sds</c> sources fetch them through it.
    /// </summary>
    public const string LocalSdsCluster = "static_cluster_sds_unix_socket";

    /// <summary>The egress listener's HTTP route configuration.</summary>
    public const string EgressRouteConfiguration = "rds_egress_http_15001";

    internal const string EgressHttpChain = "egress_http";
    internal const string EgressPassthroughChain = "egress_passthrough";

    /// <summary>A socket-bound listener: <c>lds_&lt;direction&gt;_&lt;bind address&gt;_&lt;port&gt;</c>.</summary>
    internal static string Listener(string direction, string bindAddress, int port) => $"lds_{direction}_{bindAddress}_{port}";

    internal static string IngressChain(PortProtocol protocol, int port) => $"ingress_{protocol.Name()}_{port}";

    internal static string IngressRouteConfiguration(PortProtocol protocol, int port) => $"rds_ingress_{protocol.Name()}_{port}";

    internal static string EgressTcpChain(int port) => $"egress_tcp_{port}";

    /// <summary>The cluster for the local application behind a virtual node listener.</summary>
    internal static string LocalCluster(string mesh, string node, PortProtocol protocol, int port) =>
        $"cds_ingress_{mesh}_{node}_{protocol.Name()}_{port}";

    /// <summary>The cluster callers use to reach a virtual node listener.</summary>
    internal static string EgressCluster(string mesh, string node, PortProtocol protocol, int port) =>
        $"cds_egress_{mesh}_{node}_{protocol.Name()}_{port}";

    /// <summary>
    /// The LOGICAL_DNS twin of a STRICT_DNS egress cluster, for proxyless gRPC clients: gRPC's xDS client
    /// accepts only EDS, LOGICAL_DNS and AGGREGATE clusters.
    /// </summary>
    internal static string ProxylessTwin(string egressCluster) => egressCluster + "_logical_dns";

    /// <summary>The route configuration behind a backend's API listeners (proxyless gRPC).</summary>
    internal static string ApiRouteConfiguration(string virtualService) => $"rds_api_{virtualService}";
}
