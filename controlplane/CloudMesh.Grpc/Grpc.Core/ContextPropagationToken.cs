namespace Grpc.Core;

/// <summary>
/// Carries a server call's deadline and cancellation into a client call made while handling it (pass it as
/// <see cref="CallOptions.PropagationToken"/>). Created by <see cref="ServerCallContext.CreatePropagationToken"/>.
/// </summary>
public abstract class ContextPropagationToken
{
    internal ContextPropagationToken()
    {
    }

    /// <summary>The parent's deadline, if it is propagated.</summary>
    internal abstract DateTime? ParentDeadline { get; }

    /// <summary>The parent's cancellation, if it is propagated.</summary>
    internal abstract CancellationToken ParentCancellationToken { get; }
}
