using Microsoft.AspNetCore.Http;

namespace CloudMesh.ControlPlane.Hosting;

/// <summary>Settings of the control plane's ADS server (see <c>AddCloudMeshControlPlane</c>).</summary>
public sealed class ControlPlaneOptions
{
    /// <summary>
    /// This replica's name: sent as control_plane.identifier in every response and shown in <c>/debug/proxies</c>.
    /// Default: machine name and process id.
    /// </summary>
    public string ReplicaId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// The region ARNs are minted in (CLOUDMESH_REGION): a node id ARN naming another region is refused, and SigV4
    /// credential scopes must name it. Default <c>us-east-1</c>.
    /// </summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>
    /// How often every connected proxy's configuration is recomputed even without a change notification: the
    /// safety net for lost notifications. Default 60 seconds; <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many proxy configurations are recomputed at once (each may query the database). Default: the CPU count.</summary>
    public int MaxConcurrentRecomputes { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// How often instances that connected proxies registered (node metadata <c>cloudmesh.instance.address</c>) are
    /// registered again while their streams live. Default 30 seconds; <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan EndpointRenewInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far a SigV4 signature's date may be from this server's clock. Default 15 minutes, as AWS.</summary>
    public TimeSpan SigV4MaxClockSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Decides who may read <c>/debug/*</c> and <c>/metrics</c> (true: allowed, false: 401). Null allows everyone;
    /// the endpoints can also be protected with an authorization policy on what
    /// <c>MapCloudMeshControlPlane</c> returns.
    /// </summary>
    public Func<HttpContext, bool>? AuthorizeOperator { get; set; }
}
