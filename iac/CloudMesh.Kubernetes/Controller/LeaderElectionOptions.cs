namespace CloudMesh.Kubernetes.Controller;

/// <summary>Leader election through a <c>coordination.k8s.io/v1</c> Lease, with client-go's default timings.</summary>
public sealed record LeaderElectionOptions
{
    /// <summary>The Lease's namespace (the controller's own).</summary>
    public required string Namespace { get; init; }

    /// <summary>The Lease's name.</summary>
    public string Name { get; init; } = "cloudmesh-controller-leader";

    /// <summary>This replica's identity (its pod name).</summary>
    public required string Identity { get; init; }

    /// <summary>How long a lease holds without renewal before others may take it.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps trying to renew before it gives up leadership.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often candidates try to acquire, and the leader to renew.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
