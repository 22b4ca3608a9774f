namespace CloudMesh.Kubernetes.Controller;

/// <summary>How the controller retries and resynchronises.</summary>
public sealed record AppMeshControllerOptions
{
    /// <summary>The first retry delay of a failing object; each further failure doubles it.</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest retry delay.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many objects are reconciled at once (never the same object twice).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>How often every object is reconciled again although nothing changed: the net under missed events and drift.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long each watch request stays open.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
