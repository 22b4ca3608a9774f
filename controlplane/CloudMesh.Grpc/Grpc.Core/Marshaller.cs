using System.Buffers;

namespace Grpc.Core;

/// <summary>
/// Turns messages of type <typeparamref name="T"/> into bytes and back. Built from either simple
/// (array-based) or contextual (buffer-based) functions; the other pair is derived.
/// </summary>
public class Marshaller<T>
{
    /// <summary>Creates a marshaller from array-based functions.</summary>
    public Marshaller(Func<T, byte[]> serializer, Func<byte[], T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(deserializer);
        Serializer = serializer;
        Deserializer = deserializer;
        ContextualSerializer = (message, context) => context.Complete(serializer(message));
        ContextualDeserializer = context => deserializer(context.PayloadAsNewBuffer());
    }

    /// <summary>Creates a marshaller from buffer-based functions.</summary>
    public Marshaller(Action<T, SerializationContext> serializer, Func<DeserializationContext, T> deserializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(deserializer);
        ContextualSerializer = serializer;
        ContextualDeserializer = deserializer;
        Serializer = message =>
        {
            var context = new ArraySerializationContext();
            serializer(message, context);
            return context.Payload;
        };
        Deserializer = payload => deserializer(new ArrayDeserializationContext(payload));
    }

    /// <summary>The array-based serializer.</summary>
    public Func<T, byte[]> Serializer { get; }

    /// <summary>The array-based deserializer.</summary>
    public Func<byte[], T> Deserializer { get; }

    /// <summary>The buffer-based serializer the transport uses.</summary>
    public Action<T, SerializationContext> ContextualSerializer { get; }

    /// <summary>The buffer-based deserializer the transport uses.</summary>
    public Func<DeserializationContext, T> ContextualDeserializer { get; }

    // Lets a contextual serializer produce an array when someone asks for the simple form.
    private sealed class ArraySerializationContext : SerializationContext
    {
        private ArrayBufferWriter<byte>? _writer;
        private byte[]? _payload;

        public byte[] Payload => _payload ?? throw new InvalidOperationException("The serializer did not complete the message.");

        public override void Complete(byte[] payload) => _payload = payload;

        public override IBufferWriter<byte> GetBufferWriter() => _writer ??= new ArrayBufferWriter<byte>();

        public override void SetPayloadLength(int payloadLength) => _writer ??= new ArrayBufferWriter<byte>(Math.Max(payloadLength, 1));

        public override void Complete() => _payload = _writer is null ? [] : _writer.WrittenSpan.ToArray();
    }

    private sealed class ArrayDeserializationContext(byte[] payload) : DeserializationContext
    {
        public override int PayloadLength => payload.Length;

        public override byte[] PayloadAsNewBuffer() => (byte[])payload.Clone();

        public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(payload);
    }
}
