using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudMesh.ControlPlane.Model;
using CloudMesh.Xds;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace CloudMesh.ControlPlane.Compiler;

/// <summary>
/// Renders xDS resources and compiled configurations as proto3 JSON, the form Envoy's config_dump uses: for
/// golden files, operator diagnostics (<c>/debug/config_dump</c>) and logs. <c>Any</c> payloads nested anywhere
/// (filters' typed_config) are expanded: the type registry holds every message generated from the vendored
/// Envoy, xds and udpa protos, so no payload is ever unknown. Thread-safe.
/// </summary>
public static class XdsJson
{
    /// <summary>Every message type generated from the vendored protos, with their dependencies.</summary>
    public static TypeRegistry TypeRegistry => XdsTypeRegistry.Instance;

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry));

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,

        // Regexes and paths stay readable ('+', '<', '&' unescaped); the output is data, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One message (an <c>Any</c>-wrapped resource included) as compact proto3 JSON.</summary>
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
