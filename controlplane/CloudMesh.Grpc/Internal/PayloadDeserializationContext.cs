using System.Buffers;
using Grpc.Core;

namespace CloudMesh.Grpc.Internal;

/// <summary>A reusable <see cref="DeserializationContext"/> pointing at the message being deserialized.</summary>
internal sealed class PayloadDeserializationContext : DeserializationContext
{
    private ReadOnlySequence<byte> _payload;

    public void SetPayload(ReadOnlySequence<byte> payload) => _payload = payload;

    public override int PayloadLength => (int)_payload.Length;

    public override byte[] PayloadAsNewBuffer() => _payload.ToArray();

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => _payload;
}
