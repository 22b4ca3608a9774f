using System.Text.Json;
using CloudMesh.Proxy.Xds;
using CloudMesh.Proxy.Xds.Status;
using CloudMesh.Xds;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CloudMesh.Proxy.Admin;

/// <summary>
/// <c>/config_dump</c> in Envoy's shape: <c>configs</c> holds a ListenersConfigDump, ClustersConfigDump,
/// RoutesConfigDump and EndpointsConfigDump (each resource with the version it was accepted in), so tools that read
/// Envoy's dump find what they expect; a <c>cloudmesh</c> member adds the xDS client's status.
/// </summary>
internal static class ConfigDump
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(XdsTypeRegistry.Instance));

    public static void Write(Utf8JsonWriter json, XdsState state, XdsClientStatus status, string nodeId)
    {
        string Version(string typeUrl) => status.Accepted.TryGetValue(typeUrl, out var accepted) ? accepted.Version : "";

        json.WriteStartObject();
        json.WriteStartArray("configs");

        json.WriteStartObject();
        json.WriteString("@type", "type.googleapis.com/envoy.admin.v3.ListenersConfigDump");
        json.WriteString("version_info", Version(XdsTypeUrls.Listener));
        json.WriteStartArray("dynamic_listeners");
        foreach (var (name, listener) in state.Listeners.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteStartObject("active_state");
            json.WriteString("version_info", Version(XdsTypeUrls.Listener));
            WriteAny(json, "listener", listener);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        WriteDump(json, "ClustersConfigDump", "dynamic_active_clusters", "cluster", Version(XdsTypeUrls.Cluster), state.Clusters);
        WriteDump(json, "RoutesConfigDump", "dynamic_route_configs", "route_config", Version(XdsTypeUrls.RouteConfiguration), state.RouteConfigurations);
        WriteDump(json, "EndpointsConfigDump", "dynamic_endpoint_configs", "endpoint_config", Version(XdsTypeUrls.ClusterLoadAssignment), state.ClusterLoadAssignments);
        json.WriteEndArray();

        json.WriteStartObject("cloudmesh");
        json.WriteString("node", nodeId);
        json.WriteBoolean("connected", status.Connected);
        json.WriteString("mode", status.Mode.ToString());
        json.WriteBoolean("ready", status.Ready);
        json.WriteBoolean("restoredFromFile", status.RestoredFromFile);
        json.WriteNumber("streamsOpened", status.StreamsOpened);
        if (status.LastRejection is { } rejection)
        {
            json.WriteStartObject("lastRejection");
            json.WriteString("typeUrl", rejection.TypeUrl);
            json.WriteString("detail", rejection.Detail);
            json.WriteString("at", rejection.At);
            json.WriteEndObject();
        }

        if (status.LastConnectionError is { } error)
        {
            json.WriteString("lastConnectionError", error);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteDump<T>(Utf8JsonWriter json, string dumpType, string arrayName, string member, string version, IEnumerable<KeyValuePair<string, T>> resources)
        where T : IMessage
    {
        json.WriteStartObject();
        json.WriteString("@type", "type.googleapis.com/envoy.admin.v3." + dumpType);
        json.WriteStartArray(arrayName);
        foreach (var (_, resource) in resources.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("version_info", version);
            WriteAny(json, member, resource);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteAny(Utf8JsonWriter json, string member, IMessage resource)
    {
        json.WritePropertyName(member);
        json.WriteRawValue(Formatter.Format(Any.Pack(resource)));
    }
}
