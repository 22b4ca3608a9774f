namespace CloudMesh.Cli.Planning;

/// <summary>One tag that differs between the resource and the manifests (only for resources whose tags are declared).</summary>
/// <param name="Key">The tag key.</param>
/// <param name="Before">The current value; <c>null</c> when the tag is added.</param>
/// <param name="After">The declared value; <c>null</c> when the tag is removed.</param>
public sealed record TagChange(string Key, string? Before, string? After)
{
    /// <summary>Same shape as <see cref="SpecChange.ToString"/>, under <c>tags.</c>.</summary>
    public override string ToString() => (Before, After) switch
    {
        (null, _) => $"+ tags.{Key}: {PlanText.Quote(After!)}",
        (_, null) => $"- tags.{Key}: {PlanText.Quote(Before)}",
        _ => $"~ tags.{Key}: {PlanText.Quote(Before)} → {PlanText.Quote(After)}",
    };
}
