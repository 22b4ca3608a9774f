namespace CloudMesh.Bench.Api;

/// <summary>The App Mesh operations the benchmark drives, one per run.</summary>
internal enum WorkloadKind
{
    /// <summary>DescribeVirtualNode of a random existing node.</summary>
    Describe,

    /// <summary>ListVirtualNodes of a mesh holding the setup's nodes (one page of up to 100).</summary>
    List,

    /// <summary>UpdateVirtualNode of a random node, alternating between two specs.</summary>
    Update,

    /// <summary>CreateVirtualNode with a fresh name every time.</summary>
    Create,
}
