using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.ControlPlane.Model;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.AccessLoggers.File.V3;
using Envoy.Extensions.Filters.Http.Router.V3;
using Envoy.Extensions.Filters.Listener.HttpInspector.V3;
using Envoy.Extensions.Filters.Listener.OriginalDst.V3;
using Envoy.Extensions.Filters.Listener.TlsInspector.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using Envoy.Extensions.TransportSockets.Tls.V3;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using UpstreamHttpProtocolOptions = Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions;

namespace CloudMesh.ControlPlane.Compiler;

/// <summary>
/// Renders compiled configurations as proto3 JSON, the form Envoy's config_dump uses: for golden files,
/// operator diagnostics and logs.
/// </summary>
public static class XdsJson
{
    /// <summary>Every message type the compiler packs into an <c>Any</c>, plus the xDS resource types themselves.</summary>
    public static TypeRegistry TypeRegistry { get; } = TypeRegistry.FromMessages(
        Listener.Descriptor,
        RouteConfiguration.Descriptor,
        Cluster.Descriptor,
        ClusterLoadAssignment.Descriptor,
        HttpConnectionManager.Descriptor,
        TcpProxy.Descriptor,
        Router.Descriptor,
        OriginalDst.Descriptor,
        TlsInspector.Descriptor,
        HttpInspector.Descriptor,
        FileAccessLog.Descriptor,
        UpstreamHttpProtocolOptions.Descriptor,
        UpstreamTlsContext.Descriptor,
        DownstreamTlsContext.Descriptor);

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry));

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,

        // Regexes and paths stay readable ('+', '<', '&' unescaped); the output is data, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One message as compact proto3 JSON.</summary>
    /// <param name="message">Any xDS message.</param>
    public static string Format(IMessage message) => Formatter.Format(message);

    /// <summary>
    /// The whole configuration as one indented JSON object with the members listeners, apiListeners,
    /// routeConfigurations, clusters and clusterLoadAssignments (each an array, in the config's order).
    /// </summary>
    /// <param name="config">A compiled configuration.</param>
    public static string Format(ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var root = new JsonObject
        {
            ["listeners"] = Array(config.Listeners),
            ["apiListeners"] = Array(config.ApiListeners),
            ["routeConfigurations"] = Array(config.RouteConfigurations),
            ["clusters"] = Array(config.Clusters),
            ["clusterLoadAssignments"] = Array(config.ClusterLoadAssignments),
        };
        return root.ToJsonString(Indented);
    }

    private static JsonArray Array<T>(IReadOnlyList<T> messages)
        where T : IMessage
    {
        var array = new JsonArray();
        foreach (var message in messages)
        {
            array.Add(JsonNode.Parse(Formatter.Format(message)));
        }

        return array;
    }
}
