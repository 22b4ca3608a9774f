namespace Grpc.Core;

/// <summary>A connection target that creates <see cref="CallInvoker"/>s.</summary>
public abstract class ChannelBase
{
    /// <summary>Creates a channel for <paramref name="target"/>.</summary>
    protected ChannelBase(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    /// <summary>The target the channel connects to.</summary>
    public string Target { get; }

    /// <summary>An invoker that makes calls on this channel.</summary>
    public abstract CallInvoker CreateCallInvoker();

    /// <summary>Shuts the channel down.</summary>
    public Task ShutdownAsync() => ShutdownAsyncCore();

    /// <summary>Implements <see cref="ShutdownAsync"/>.</summary>
    protected virtual Task ShutdownAsyncCore() => Task.CompletedTask;
}
