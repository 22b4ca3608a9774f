using System.Text.Json.Nodes;

namespace CloudMesh.Cli.Planning;

/// <summary>One leaf difference between the existing and the declared spec.</summary>
/// <param name="Path">The member path inside the spec, e.g. <c>listeners[0].portMapping.port</c>.</param>
/// <param name="Before">The existing value; <c>null</c> when the member is added.</param>
/// <param name="After">The declared value; <c>null</c> when the member is removed.</param>
public sealed record SpecChange(string Path, JsonNode? Before, JsonNode? After)
{
    /// <summary>The member is new.</summary>
    public bool IsAdded => Before is null;

    /// <summary>The member goes away.</summary>
    public bool IsRemoved => After is null;

    /// <summary><c>path: 8080 → 9090</c>, <c>+ path: 9090</c> or <c>- path: 8080</c>.</summary>
    public override string ToString() => (Before, After) switch
    {
        (null, _) => $"+ {Path}: {PlanText.Value(After)}",
        (_, null) => $"- {Path}: {PlanText.Value(Before)}",
        _ => $"~ {Path}: {PlanText.Value(Before)} → {PlanText.Value(After)}",
    };
}
