namespace Grpc.Core;

/// <summary>Per-write hints.</summary>
[Flags]
public enum WriteFlags
{
    /// <summary>The write may be buffered: it need not be flushed to the network at once.</summary>
    BufferHint = 0x1,

    /// <summary>Do not compress this message even if the call compresses messages.</summary>
    NoCompress = 0x2,
}
