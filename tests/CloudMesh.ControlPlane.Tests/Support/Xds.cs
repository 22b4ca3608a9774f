using CloudMesh.ControlPlane.Resources;
using CloudMesh.Xds;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Service.Discovery.V3;
using Google.Protobuf.WellKnownTypes;
using GoogleStatus = Google.Rpc.Status;

namespace CloudMesh.ControlPlane.Tests.Support;

/// <summary>Request builders and response readers shared by the protocol tests.</summary>
internal static class Xds
{
    public const string Lds = XdsTypeUrls.Listener;
    public const string Rds = XdsTypeUrls.RouteConfiguration;
    public const string Cds = XdsTypeUrls.Cluster;
    public const string Eds = XdsTypeUrls.ClusterLoadAssignment;

    public static DiscoveryRequest Request(string typeUrl, IEnumerable<string>? names = null, string nonce = "", string version = "") =>
        new() { TypeUrl = typeUrl, ResourceNames = { names ?? [] }, ResponseNonce = nonce, VersionInfo = version };

    /// <summary>The ACK a client sends for <paramref name="response"/>, keeping <paramref name="names"/> subscribed.</summary>
    public static DiscoveryRequest Ack(DiscoveryResponse response, IEnumerable<string>? names = null) =>
        Request(response.TypeUrl, names, response.Nonce, response.VersionInfo);

    public static DiscoveryRequest Nack(DiscoveryResponse response, string keptVersion, string message, IEnumerable<string>? names = null)
    {
        DiscoveryRequest request = Request(response.TypeUrl, names, response.Nonce, keptVersion);
        request.ErrorDetail = new GoogleStatus { Code = 3, Message = message };
        return request;
    }

    public static DeltaDiscoveryRequest Delta(
        string typeUrl,
        IEnumerable<string>? subscribe = null,
        IEnumerable<string>? unsubscribe = null,
        string nonce = "",
        IDictionary<string, string>? initialVersions = null) =>
        new()
        {
            TypeUrl = typeUrl,
            ResourceNamesSubscribe = { subscribe ?? [] },
            ResourceNamesUnsubscribe = { unsubscribe ?? [] },
            ResponseNonce = nonce,
            InitialResourceVersions = { initialVersions ?? new Dictionary<string, string>() },
        };

    public static DeltaDiscoveryRequest DeltaAck(DeltaDiscoveryResponse response) => Delta(response.TypeUrl, nonce: response.Nonce);

    public static DeltaDiscoveryRequest DeltaNack(DeltaDiscoveryResponse response, string message)
    {
        DeltaDiscoveryRequest request = Delta(response.TypeUrl, nonce: response.Nonce);
        request.ErrorDetail = new GoogleStatus { Code = 3, Message = message };
        return request;
    }

    /// <summary>The names of the resources in a SotW response, in order.</summary>
    public static string[] Names(DiscoveryResponse response) => [.. response.Resources.Select(NameOf)];

    /// <summary>The names of the resources in a delta response, in order.</summary>
    public static string[] Names(DeltaDiscoveryResponse response) => [.. response.Resources.Select(r => r.Name)];

    public static string NameOf(Any any) => any.TypeUrl switch
    {
        Lds => any.Unpack<Listener>().Name,
        Rds => any.Unpack<RouteConfiguration>().Name,
        Cds => any.Unpack<Cluster>().Name,
        Eds => any.Unpack<ClusterLoadAssignment>().ClusterName,
        _ => throw new InvalidOperationException($"Unexpected type {any.TypeUrl}"),
    };
}
