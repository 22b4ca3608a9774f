namespace CloudMesh.Cli.Planning;

/// <summary>How a plan treats what the manifests do not mention.</summary>
public sealed record PlanOptions
{
    /// <summary>
    /// Delete resources of a declared mesh that the manifests do not declare (<c>--prune</c>). Off by default: such
    /// resources are listed in <see cref="Plan.NotManaged"/> and left alone.
    /// </summary>
    public bool Prune { get; init; }
}
