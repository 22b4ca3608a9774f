using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;

namespace CloudMesh.Kubernetes.Controller;

/// <summary>
/// A <c>metav1.LabelSelector</c> (matchLabels and matchExpressions with In, NotIn, Exists, DoesNotExist) evaluated
/// against labels, as <c>metav1.LabelSelectorAsSelector</c> does: the empty selector matches everything.
/// </summary>
public static class LabelSelector
{
    /// <summary>Whether <paramref name="selector"/> (a JSON label selector) selects <paramref name="labels"/>; an absent selector selects nothing.</summary>
    public static bool Matches(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (selector is not JsonObject obj)
        {
            return false;
        }

        if (obj["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                if (!labels.TryGetValue(key, out var actual) || actual != KubernetesObjects.String(value))
                {
                    return false;
                }
            }
        }

        foreach (var expression in (obj["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = KubernetesObjects.String(expression["key"]) ?? "";
            var values = (expression["values"] as JsonArray ?? []).Select(KubernetesObjects.String).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var has = labels.TryGetValue(key, out var actual);
            var ok = KubernetesObjects.String(expression["operator"]) switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false, // an unknown operator selects nothing, as the API server would have rejected it
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
