using System.Text.Json.Nodes;

namespace CloudMesh.Pulumi.Tests.Resources;

/// <summary>
/// One resource kind's lifecycle: the inputs to create it with, a spec change, and where in the spec that change shows.
/// </summary>
/// <param name="Type">The type name (<c>VirtualNode</c>).</param>
/// <param name="Inputs">The program's inputs (no name: the provider auto-names).</param>
/// <param name="ChangedSpec">The spec of the update.</param>
/// <param name="ProbePath">A path inside the spec whose value the update changes.</param>
public sealed record LifecycleCase(string Type, JsonObject Inputs, JsonObject ChangedSpec, string ProbePath)
{
    /// <summary>The resource token.</summary>
    public string Token => "cloudmesh:index:" + Type;

    /// <summary>The URN the engine would use for a resource named <paramref name="name"/>.</summary>
    public string Urn(string name) => $"urn:pulumi:test::cloudmesh-tests::{Token}::{name}";
}
