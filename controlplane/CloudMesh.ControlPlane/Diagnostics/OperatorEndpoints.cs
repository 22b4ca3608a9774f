using System.Text.Json;
using CloudMesh.ControlPlane.Compiler;
using CloudMesh.ControlPlane.Hosting;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Protocol;
using CloudMesh.ControlPlane.Resources;
using CloudMesh.ControlPlane.Server;
using CloudMesh.Prometheus;
using CloudMesh.Xds;
using Microsoft.AspNetCore.Http;

namespace CloudMesh.ControlPlane.Diagnostics;

/// <summary>The operator endpoints: <c>/debug/proxies</c>, <c>/debug/config_dump</c> and <c>/metrics</c>.</summary>
internal static class OperatorEndpoints
{
    private const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Every open stream (optionally filtered by <c>?tenant=</c> and <c>?node=</c>) with its protocol state.</summary>
    public static async Task Proxies(HttpContext http, ConnectedProxyRegistry registry, ControlPlaneOptions options)
    {
        string? tenant = http.Request.Query["tenant"];
        string? node = http.Request.Query["node"];
        IReadOnlyList<ConnectedProxy> proxies = [.. registry.All()
            .Where(p => tenant is null || p.Identity.AccountId == tenant)
            .Where(p => node is null || p.NodeId == node)];

        http.Response.ContentType = JsonContentType;
        await using (var json = new Utf8JsonWriter(http.Response.BodyWriter, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("replicaId", options.ReplicaId);
            json.WriteNumber("count", proxies.Count);
            json.WriteStartArray("proxies");
            foreach (ConnectedProxy proxy in proxies)
            {
                WriteProxy(json, proxy);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    /// <summary>The resources a connected node is currently served (<c>?node=&lt;node id&gt;</c>), as proto3 JSON.</summary>
    public static async Task ConfigDump(HttpContext http, ConnectedProxyRegistry registry)
    {
        string? node = http.Request.Query["node"];
        if (string.IsNullOrEmpty(node))
        {
            await WriteErrorAsync(http, StatusCodes.Status400BadRequest, "Pass the node id: /debug/config_dump?node=<node id>.");
            return;
        }

        ConnectedProxy? proxy = registry.FindByNodeId(node).FirstOrDefault();
        if (proxy is null)
        {
            await WriteErrorAsync(http, StatusCodes.Status404NotFound, $"No proxy with node id '{node}' is connected to this replica.");
            return;
        }

        ProxySnapshot snapshot = proxy.Snapshot;
        http.Response.ContentType = JsonContentType;
        await using (var json = new Utf8JsonWriter(http.Response.BodyWriter, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("node", proxy.NodeId);
            json.WriteString("identity", proxy.Identity.ToString());
            json.WriteString("tenant", proxy.Identity.AccountId);
            json.WriteString("replicaId", proxy.ReplicaId);
            json.WriteBoolean("configured", snapshot.Exists);
            json.WriteString("version", snapshot.Version);
            WriteResources(json, "listeners", snapshot.Listeners);
            WriteResources(json, "apiListeners", snapshot.ApiListeners);
            WriteResources(json, "routeConfigurations", snapshot.RouteConfigurations);
            WriteResources(json, "clusters", snapshot.Clusters);
            WriteResources(json, "clusterLoadAssignments", snapshot.ClusterLoadAssignments);
            json.WriteEndObject();
        }

        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    /// <summary>Prometheus text metrics.</summary>
    public static async Task Metrics(HttpContext http, ControlPlaneMetrics metrics, ConnectedProxyRegistry registry)
    {
        http.Response.ContentType = PrometheusText.ContentType;
        await http.Response.WriteAsync(metrics.Render(registry), http.RequestAborted);
    }

    private static void WriteProxy(Utf8JsonWriter json, ConnectedProxy proxy)
    {
        json.WriteStartObject();
        json.WriteNumber("streamId", proxy.StreamId);
        json.WriteString("nodeId", proxy.NodeId);
        json.WriteString("tenant", proxy.Identity.AccountId);
        json.WriteStartObject("identity");
        json.WriteString("accountId", proxy.Identity.AccountId);
        json.WriteString("mesh", proxy.Identity.MeshName);
        json.WriteString("kind", proxy.Identity.Kind == ProxyKind.VirtualNode ? "virtualNode" : "virtualGateway");
        json.WriteString("name", proxy.Identity.Name);
        json.WriteEndObject();
        json.WriteString("replicaId", proxy.ReplicaId);
        json.WriteString("stream", proxy.StreamKind);
        json.WriteString("authentication", proxy.Authentication.ToString());
        json.WriteString("peer", proxy.Peer);
        json.WriteString("connectedSince", proxy.ConnectedSince);
        ProxySnapshot snapshot = proxy.Snapshot;
        json.WriteBoolean("configured", snapshot.Exists);
        json.WriteString("snapshotVersion", snapshot.Version);
        if (proxy.Instance is { } instance)
        {
            json.WriteStartObject("instance");
            json.WriteString("id", instance.InstanceId);
            json.WriteString("address", instance.Address);
            json.WriteNumber("port", instance.Port);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("instance");
        }

        json.WriteStartArray("types");
        foreach (XdsTypeStatus status in proxy.Status)
        {
            WriteStatus(json, status);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStatus(Utf8JsonWriter json, XdsTypeStatus status)
    {
        json.WriteStartObject();
        json.WriteString("type", XdsTypeUrls.ShortName(status.TypeUrl));
        json.WriteString("typeUrl", status.TypeUrl);
        json.WriteBoolean("wildcard", status.Wildcard);
        json.WriteNumber("subscribedNames", status.SubscribedNames);
        json.WriteString("sentVersion", status.SentVersion);
        json.WriteString("sentNonce", status.SentNonce);
        json.WriteString("ackedVersion", status.AckedVersion);
        json.WriteString("ackedNonce", status.AckedNonce);
        if (status.LastNack is { } nack)
        {
            json.WriteStartObject("lastNack");
            json.WriteString("rejectedVersion", nack.RejectedVersion);
            json.WriteString("clientVersion", nack.ClientVersion);
            json.WriteString("nonce", nack.Nonce);
            json.WriteNumber("code", nack.Code);
            json.WriteString("message", nack.Message);
            json.WriteString("at", nack.At);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("lastNack");
        }

        json.WriteEndObject();
    }

    private static void WriteResources(Utf8JsonWriter json, string name, ResourceSet set)
    {
        json.WriteStartArray(name);
        foreach (XdsResource resource in set.Items)
        {
            json.WriteRawValue(XdsJson.Format(resource.Payload), skipInputValidation: true);
        }

        json.WriteEndArray();
    }

    private static async Task WriteErrorAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = JsonContentType;
        await using (var json = new Utf8JsonWriter(http.Response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteString("message", message);
            json.WriteEndObject();
        }

        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }
}
