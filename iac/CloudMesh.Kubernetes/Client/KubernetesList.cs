using System.Text.Json.Nodes;

namespace CloudMesh.Kubernetes.Client;

/// <summary>A list response: the items and the collection's resourceVersion to watch from.</summary>
/// <param name="Items">The objects (each with apiVersion and kind filled in, which list items omit).</param>
/// <param name="ResourceVersion">metadata.resourceVersion of the list.</param>
public sealed record KubernetesList(IReadOnlyList<JsonObject> Items, string ResourceVersion);
