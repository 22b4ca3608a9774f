using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Kubernetes.Controller;

/// <summary>
/// Records core/v1 Events on custom resources (what <c>kubectl describe</c> shows), as client-go's recorder names
/// them (<c>&lt;object&gt;.&lt;unique hex&gt;</c>, in the object's namespace, <c>default</c> for a Mesh). Best effort: a
/// failed write is logged, never retried, and never fails a reconcile.
/// </summary>
internal sealed partial class EventRecorder(KubernetesClient kube, ILogger logger, TimeProvider time)
{
    /// <summary>The component events are reported by.</summary>
    internal const string Component = "cloudmesh-kubernetes";

    internal async Task RecordAsync(AppMeshCustomResource kind, JsonObject obj, string type, string reason, string message, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var name = KubernetesObjects.Name(obj);
        var ns = KubernetesObjects.Namespace(obj) ?? "default";
        var involved = new JsonObject
        {
            ["apiVersion"] = kind.Type.ApiVersion,
            ["kind"] = kind.Type.Kind,
            ["name"] = name,
            ["uid"] = KubernetesObjects.String(obj["metadata"]?["uid"]),
            ["resourceVersion"] = KubernetesObjects.ResourceVersion(obj),
        };
        if (kind.Type.Namespaced)
        {
            involved["namespace"] = ns;
        }

        try
        {
            await kube.CreateAsync(KubernetesResourceType.Events, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Event",
                ["metadata"] = new JsonObject
                {
                    ["name"] = $"{name}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}",
                    ["namespace"] = ns,
                },
                ["involvedObject"] = involved,
                ["type"] = type,
                ["reason"] = reason,
                ["message"] = message,
                ["source"] = new JsonObject { ["component"] = Component },
                ["reportingComponent"] = Component,
                ["firstTimestamp"] = now,
                ["lastTimestamp"] = now,
                ["count"] = 1,
            }, ct);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or IOException)
        {
            Log.EventFailed(logger, $"{kind.Type.Kind} {KubernetesObjects.Key(obj)}", reason, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Object}: could not record event {Reason}")]
        public static partial void EventFailed(ILogger logger, string @object, string reason, Exception exception);
    }
}
