using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;

namespace CloudMesh.Kubernetes.Tests.Fakes;

/// <summary>Resource types and objects for client tests.</summary>
internal static class TestTypes
{
    /// <summary>A namespaced custom resource with a status subresource.</summary>
    internal static readonly KubernetesResourceType Widgets = new("example.com", "v1", "widgets", "Widget", true);

    internal static JsonObject Widget(string name, string ns = "default", int size = 1) => new()
    {
        ["apiVersion"] = "example.com/v1",
        ["kind"] = "Widget",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["size"] = size },
    };
}
