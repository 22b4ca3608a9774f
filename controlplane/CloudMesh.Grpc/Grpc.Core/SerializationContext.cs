using System.Buffers;

namespace Grpc.Core;

/// <summary>
/// Where a marshaller writes one serialized message. A serializer either calls <see cref="Complete(byte[])"/>
/// with the whole payload, or (cheaper) <see cref="SetPayloadLength"/>, writes into <see cref="GetBufferWriter"/>
/// and calls <see cref="Complete()"/>. The transport supplies the implementation.
/// </summary>
public abstract class SerializationContext
{
    /// <summary>Completes the message with the whole serialized payload.</summary>
    public virtual void Complete(byte[] payload) =>
        throw new NotSupportedException($"{GetType().Name} does not accept a payload array.");

    /// <summary>A buffer writer to serialize into; finish with <see cref="Complete()"/>.</summary>
    public virtual IBufferWriter<byte> GetBufferWriter() =>
        throw new NotSupportedException($"{GetType().Name} does not provide a buffer writer.");

    /// <summary>Declares the payload's length before it is written to <see cref="GetBufferWriter"/> (optional).</summary>
    public virtual void SetPayloadLength(int payloadLength) =>
        throw new NotSupportedException($"{GetType().Name} does not accept a payload length.");

    /// <summary>Completes a message written to <see cref="GetBufferWriter"/>.</summary>
    public virtual void Complete() =>
        throw new NotSupportedException($"{GetType().Name} does not provide a buffer writer.");
}
