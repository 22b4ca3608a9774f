using System.Buffers;

namespace Grpc.Core;

/// <summary>
/// One received message's payload, handed to a marshaller's deserializer. The payload is only valid during the
/// deserializer call. The transport supplies the implementation.
/// </summary>
public abstract class DeserializationContext
{
    /// <summary>The payload's length in bytes.</summary>
    public virtual int PayloadLength => 0;

    /// <summary>The payload copied into a new array.</summary>
    public virtual byte[] PayloadAsNewBuffer() =>
        throw new NotSupportedException($"{GetType().Name} does not provide the payload as an array.");

    /// <summary>The payload without a copy; valid only until the deserializer returns.</summary>
    public virtual ReadOnlySequence<byte> PayloadAsReadOnlySequence() =>
        throw new NotSupportedException($"{GetType().Name} does not provide the payload as a sequence.");
}
