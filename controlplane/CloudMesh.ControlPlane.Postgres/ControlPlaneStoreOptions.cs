namespace CloudMesh.ControlPlane.Postgres;

/// <summary>Settings of the control plane's PostgreSQL adapters.</summary>
public sealed class ControlPlaneStoreOptions
{
    /// <summary>The region ARNs are minted in (CLOUDMESH_REGION).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>This replica's id: it owns the leases of the proxies connected to it.</summary>
    public string ReplicaId { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// How long a proxy's registration outlives its replica's last renewal. A crashed replica's proxies
    /// drop out of EDS after at most this long; the host renews three times per period.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often every mesh is reloaded regardless of notifications: the safety net for a lost NOTIFY.
    /// </summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a validated xDS token is trusted before it is looked up again (bounds revocation delay).</summary>
    public TimeSpan TokenCacheDuration { get; init; } = TimeSpan.FromSeconds(10);
}
