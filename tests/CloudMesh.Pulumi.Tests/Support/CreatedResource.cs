using System.Text.Json.Nodes;

namespace CloudMesh.Pulumi.Tests.Support;

/// <summary>A resource the provider created: its id (ARN), checked inputs and outputs, as the state records them.</summary>
/// <param name="Id">The id (the resource's ARN).</param>
/// <param name="Inputs">The inputs Check returned.</param>
/// <param name="Outputs">The outputs Create returned.</param>
public sealed record CreatedResource(string Id, JsonObject Inputs, JsonObject Outputs)
{
    /// <summary>The resource's name.</summary>
    public string Name => Outputs["name"]!.GetValue<string>();
}
