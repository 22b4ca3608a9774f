namespace CloudMesh.ControlPlane.Tests.Support;

/// <summary>A clock that stands still unless told to move (NACK timestamps must be predictable).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
