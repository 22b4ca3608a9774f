using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMesh.Kubernetes.Webhook;

/// <summary>The mutating admission webhook endpoints: AdmissionReview v1 in, AdmissionReview v1 out.</summary>
public static class PodMutationWebhook
{
    /// <summary>The path App Mesh's controller serves its pod mutator on, which MutatingWebhookConfigurations name.</summary>
    public const string Path = "/mutate-v1-pod";

    /// <summary>
    /// Maps <c>POST /mutate-v1-pod</c> to the <see cref="PodMutator"/> in the container. A body that is not an
    /// AdmissionReview gets 400, and 503 comes back until the controller's caches have synced; for both the API server
    /// applies the webhook's failurePolicy.
    /// </summary>
    public static IEndpointConventionBuilder MapPodMutationWebhook(this IEndpointRouteBuilder endpoints, string pattern = Path)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(pattern, (HttpContext http, PodMutator mutator) =>
            AdmitAsync(http, mutator.Ready, mutator.Review));
    }

    /// <summary>
    /// Maps App Mesh's custom resource mutators, <c>POST /mutate-appmesh-k8s-aws-v1beta2-&lt;kind&gt;</c> for the six
    /// kinds, to the <see cref="CustomResourceMutator"/> in the container (same error handling as the pod webhook).
    /// </summary>
    public static void MapAppMeshMutationWebhooks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var kind in Controller.AppMeshCustomResource.All)
        {
            endpoints.MapPost(CustomResourceMutator.PathOf(kind), (HttpContext http, CustomResourceMutator mutator) =>
                AdmitAsync(http, mutator.Ready, review => mutator.Review(review, kind)));
        }
    }

    /// <summary>
    /// One admission request: a body that is not an AdmissionReview is 400, an unsynced mutator 503 (the API server then
    /// applies the webhook's failurePolicy), otherwise the mutator's AdmissionReview response.
    /// </summary>
    private static async Task<IResult> AdmitAsync(HttpContext http, bool ready, Func<JsonObject, JsonObject> review)
    {
        JsonObject? request;
        try
        {
            request = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException e)
        {
            return Results.BadRequest(new { message = $"not JSON: {e.Message}" });
        }

        if (request?["request"] is not JsonObject)
        {
            return Results.BadRequest(new { message = "not an AdmissionReview request" });
        }

        if (!ready)
        {
            return Results.Json(new { message = "the App Mesh objects are not synced yet" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Text(review(request).ToJsonString(), "application/json");
    }
}
