namespace CloudMesh.Bench.Api;

/// <summary>Names of <see cref="WorkloadKind"/> as they appear on the command line and in results.</summary>
internal static class WorkloadKinds
{
    /// <summary>Every workload, in the order run.sh runs and reports them.</summary>
    public static readonly IReadOnlyList<WorkloadKind> All = [WorkloadKind.Describe, WorkloadKind.List, WorkloadKind.Update, WorkloadKind.Create];

    /// <summary>The lower-case name (<c>describe</c>, <c>list</c>, <c>update</c>, <c>create</c>).</summary>
    public static string Name(this WorkloadKind kind) => kind switch
    {
        WorkloadKind.Describe => "describe",
        WorkloadKind.List => "list",
        WorkloadKind.Update => "update",
        WorkloadKind.Create => "create",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The App Mesh operation the workload calls.</summary>
    public static string Operation(this WorkloadKind kind) => kind switch
    {
        WorkloadKind.Describe => "DescribeVirtualNode",
        WorkloadKind.List => "ListVirtualNodes",
        WorkloadKind.Update => "UpdateVirtualNode",
        WorkloadKind.Create => "CreateVirtualNode",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses a workload name.</summary>
    public static WorkloadKind Parse(string name) =>
        All.FirstOrDefault(k => k.Name() == name, (WorkloadKind)(-1)) is var kind && kind >= 0
            ? kind
            : throw new ArgumentException($"Unknown workload '{name}'; expected one of {string.Join(", ", All.Select(Name))}.");
}
