namespace CloudMesh.Cli.Planning;

/// <summary>What applying a plan does to one resource.</summary>
public enum PlanAction
{
    /// <summary>The resource is declared but does not exist: create it.</summary>
    Create,

    /// <summary>The resource exists and its spec or managed tags differ: update it.</summary>
    Update,

    /// <summary>The resource exists in a declared mesh, is not declared, and pruning is on: delete it.</summary>
    Delete,

    /// <summary>The resource exists as declared: nothing to do.</summary>
    Unchanged,
}
