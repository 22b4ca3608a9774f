using System.Text;
using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;

namespace CloudMesh.Kubernetes.Webhook;

/// <summary>The AdmissionReview v1 response shape every mutating webhook here answers with.</summary>
internal static class AdmissionReviews
{
    /// <summary>An allowing response to <paramref name="request"/> (its uid echoed), with <paramref name="patch"/> as a base64 JSONPatch unless null or empty.</summary>
    public static JsonObject Allowed(JsonObject request, JsonArray? patch)
    {
        var response = new JsonObject { ["uid"] = request["uid"]?.DeepClone(), ["allowed"] = true };
        if (patch is { Count: > 0 })
        {
            response["patchType"] = "JSONPatch";
            response["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(patch.ToJsonString()));
        }

        return response;
    }

    /// <summary>The AdmissionReview carrying <paramref name="response"/>, in the apiVersion <paramref name="review"/> came in.</summary>
    public static JsonObject Wrap(JsonObject review, JsonObject response) => new()
    {
        ["apiVersion"] = KubernetesObjects.String(review["apiVersion"]) ?? "admission.k8s.io/v1",
        ["kind"] = "AdmissionReview",
        ["response"] = response,
    };
}
