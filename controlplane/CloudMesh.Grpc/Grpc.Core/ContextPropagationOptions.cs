namespace Grpc.Core;

/// <summary>Which parts of a server call's context a child client call inherits.</summary>
public class ContextPropagationOptions
{
    /// <summary>Propagate both deadline and cancellation.</summary>
    public static readonly ContextPropagationOptions Default = new();

    /// <summary>Creates options.</summary>
    public ContextPropagationOptions(bool propagateDeadline = true, bool propagateCancellation = true)
    {
        IsPropagateDeadline = propagateDeadline;
        IsPropagateCancellation = propagateCancellation;
    }

    /// <summary>Whether the child call inherits the deadline.</summary>
    public bool IsPropagateDeadline { get; }

    /// <summary>Whether the child call is cancelled with the parent.</summary>
    public bool IsPropagateCancellation { get; }
}
