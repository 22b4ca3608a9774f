using System.Globalization;
using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;

namespace CloudMesh.Kubernetes.Controller;

/// <summary>Writing status back: the kind's Active condition, ARNs and observedGeneration, only when they change.</summary>
public sealed partial class AppMeshController
{
    /// <summary>Records why the object is not active (keeping any ARNs already written) and asks for a retry.</summary>
    private async Task<Outcome> NotActiveAsync(AppMeshCustomResource kind, JsonObject obj, string reason, string message, CancellationToken ct)
    {
        await WriteStatusAsync(kind, obj, _ => { }, active: false, reason, message, observed: false, ct);
        return Outcome.Retry(reason, message);
    }

    /// <summary>
    /// Patches <c>/status</c> with the condition (its lastTransitionTime kept unless its status flips), what
    /// <paramref name="setArns"/> writes and, when <paramref name="observed"/>, the generation reconciled. Nothing is
    /// sent when nothing changed, so a retried failure does not wake the object's own watch.
    /// </summary>
    private async Task WriteStatusAsync(
        AppMeshCustomResource kind, JsonObject obj, Action<JsonObject> setArns, bool active, string? reason, string? message, bool observed, CancellationToken ct)
    {
        var old = obj["status"] as JsonObject ?? [];
        var status = (JsonObject)old.DeepClone();
        setArns(status);
        var statusText = active ? "True" : "False";
        var previous = KubernetesObjects.Condition(obj, kind.ConditionType);
        var condition = new JsonObject
        {
            ["type"] = kind.ConditionType,
            ["status"] = statusText,
            ["lastTransitionTime"] = KubernetesObjects.String(previous?["status"]) == statusText && previous?["lastTransitionTime"] is { } since
                ? since.DeepClone()
                : _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        if (reason is not null)
        {
            condition["reason"] = reason;
            condition["message"] = message;
        }

        var conditions = new JsonArray();
        foreach (var other in (old["conditions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (KubernetesObjects.String(other["type"]) != kind.ConditionType)
            {
                conditions.Add(other.DeepClone());
            }
        }

        conditions.Add(condition);
        status["conditions"] = conditions;
        if (observed)
        {
            status["observedGeneration"] = KubernetesObjects.Generation(obj);
        }

        if (JsonNode.DeepEquals(old, status))
        {
            return;
        }

        await _kube.PatchStatusAsync(kind.Type, KubernetesObjects.Namespace(obj), KubernetesObjects.Name(obj),
            new JsonObject { ["status"] = MergePatchFor(old, status) }, ct);

        // An event when the condition changes (not at every retry): what `kubectl describe` shows.
        if (KubernetesObjects.String(previous?["status"]) != statusText || KubernetesObjects.String(previous?["reason"]) != reason)
        {
            await _events.RecordAsync(kind, obj, active ? "Normal" : "Warning", reason ?? "Active",
                active ? $"{kind.Type.Kind} is active in CloudMesh" : message ?? reason ?? "", ct);
        }
    }

    /// <summary>The JSON merge patch (RFC 7386) turning <paramref name="from"/> into <paramref name="to"/>.</summary>
    internal static JsonNode? MergePatchFor(JsonNode? from, JsonNode? to)
    {
        if (from is not JsonObject fromObject || to is not JsonObject toObject)
        {
            return to?.DeepClone();
        }

        var patch = new JsonObject();
        foreach (var (name, _) in fromObject)
        {
            if (!toObject.ContainsKey(name) || toObject[name] is null)
            {
                patch[name] = null;
            }
        }

        foreach (var (name, value) in toObject)
        {
            if (value is not null && !JsonNode.DeepEquals(fromObject[name], value))
            {
                patch[name] = MergePatchFor(fromObject[name], value);
            }
        }

        return patch;
    }

    private async Task<JsonObject> SetFinalizersAsync(AppMeshCustomResource kind, JsonObject obj, IReadOnlyList<string> finalizers, CancellationToken ct) =>
        await _kube.PatchAsync(kind.Type, KubernetesObjects.Namespace(obj), KubernetesObjects.Name(obj), new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                // A merge patch replaces the whole list; the resourceVersion makes it fail (409) rather than drop
                // a finalizer someone else added meanwhile.
                ["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
                ["resourceVersion"] = KubernetesObjects.ResourceVersion(obj),
            },
        }, ct);
}
