namespace Grpc.Core;

/// <summary>Options for writing one message.</summary>
public class WriteOptions
{
    /// <summary>The default options: flush each write, compress if the call compresses.</summary>
    public static readonly WriteOptions Default = new();

    /// <summary>Creates options with <paramref name="flags"/>.</summary>
    public WriteOptions(WriteFlags flags = default)
    {
        Flags = flags;
    }

    /// <summary>The write flags.</summary>
    public WriteFlags Flags { get; }
}
