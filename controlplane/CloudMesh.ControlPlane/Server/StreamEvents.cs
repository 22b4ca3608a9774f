using System.Threading.Channels;
using CloudMesh.ControlPlane.Snapshots;

namespace CloudMesh.ControlPlane.Server;

/// <summary>
/// One stream's inbox: requests from the client and "your snapshot changed" signals, consumed in order by the
/// stream's single loop (so a session is never driven by two threads). Snapshot signals are coalesced: while one
/// is queued, further ones add nothing, and the loop reads the latest snapshot when it gets to it.
/// </summary>
internal sealed class StreamEvents<TRequest> : ISnapshotSubscriber
    where TRequest : class
{
    /// <summary>The queued marker for a snapshot change.</summary>
    public static readonly object SnapshotChanged = new();

    private readonly Channel<object> _channel = Channel.CreateUnbounded<object>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private int _snapshotQueued;

    public ChannelReader<object> Reader => _channel.Reader;

    public void OnSnapshotChanged()
    {
        if (Interlocked.Exchange(ref _snapshotQueued, 1) == 0)
        {
            _channel.Writer.TryWrite(SnapshotChanged);
        }
    }

    /// <summary>Called by the loop before it reads the snapshot, so a change published after that queues a new signal.</summary>
    public void SnapshotSignalTaken() => Volatile.Write(ref _snapshotQueued, 0);

    public void Request(TRequest request) => _channel.Writer.TryWrite(request);

    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);
}
