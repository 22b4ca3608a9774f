using CloudMesh.Api.Core.Resources;

namespace CloudMesh.Cli.Planning;

/// <summary>
/// What applying the manifests does, in the order to do it: creates and updates with parents and referenced
/// resources first, then deletes with referrers first. Immutable.
/// </summary>
public sealed class Plan
{
    internal Plan(IReadOnlyList<PlanStep> steps, IReadOnlyList<ResourceKey> notManaged)
    {
        Steps = steps;
        NotManaged = notManaged;
    }

    /// <summary>Every declared resource and every resource to delete, in apply order.</summary>
    public IReadOnlyList<PlanStep> Steps { get; }

    /// <summary>
    /// Resources of a declared mesh that the manifests do not declare and that stay because pruning is off; empty
    /// when pruning (they are then delete steps).
    /// </summary>
    public IReadOnlyList<ResourceKey> NotManaged { get; }

    /// <summary>Number of resources to create.</summary>
    public int CreateCount => Count(PlanAction.Create);

    /// <summary>Number of resources to update.</summary>
    public int UpdateCount => Count(PlanAction.Update);

    /// <summary>Number of resources to delete.</summary>
    public int DeleteCount => Count(PlanAction.Delete);

    /// <summary>Number of resources already as declared.</summary>
    public int UnchangedCount => Count(PlanAction.Unchanged);

    /// <summary>Whether applying would change anything.</summary>
    public bool HasChanges => Steps.Any(s => s.Action != PlanAction.Unchanged);

    private int Count(PlanAction action) => Steps.Count(s => s.Action == action);
}
