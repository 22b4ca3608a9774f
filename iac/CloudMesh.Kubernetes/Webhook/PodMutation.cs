using System.Text.Json.Nodes;

namespace CloudMesh.Kubernetes.Webhook;

/// <summary>The injector's decision for one pod.</summary>
/// <param name="Patch">The RFC 6902 JSON patch to apply; null when the pod is allowed unchanged.</param>
/// <param name="Denied">Why the pod is rejected (it matches several meshes or virtual nodes); null when allowed.</param>
/// <param name="Reason">Why it was or was not injected, for logs.</param>
public sealed record PodMutation(JsonArray? Patch, string? Denied, string Reason)
{
    /// <summary>Allowed unchanged.</summary>
    public static PodMutation Unchanged(string reason) => new(null, null, reason);

    /// <summary>Rejected.</summary>
    public static PodMutation Deny(string message) => new(null, message, message);
}
