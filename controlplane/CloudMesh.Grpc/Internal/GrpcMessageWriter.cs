using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Grpc.Core;
using Grpc.Net.Compression;

namespace CloudMesh.Grpc.Internal;

/// <summary>
/// Frames and serializes messages into a pipe (or any buffer writer). When the marshaller declares the payload length (as protobuf's
/// generated code does) and the message is not compressed, it serializes straight into the pipe's memory;
/// otherwise into a pooled buffer that is returned after each message. One writer per stream; not thread-safe.
/// </summary>
internal sealed class GrpcMessageWriter<T> : SerializationContext, IBufferWriter<byte>
{
    private readonly IBufferWriter<byte> _pipe;
    private readonly Action<T, SerializationContext> _serializer;
    private readonly int? _maxMessageSize;
    private readonly PooledBufferWriter _buffer = new();
    private Mode _mode;
    private bool _compress;
    private int _declaredLength;
    private int _directWritten;

    public GrpcMessageWriter(IBufferWriter<byte> pipe, Action<T, SerializationContext> serializer, int? maxMessageSize)
    {
        _pipe = pipe;
        _serializer = serializer;
        _maxMessageSize = maxMessageSize;
    }

    private enum Mode
    {
        Idle,
        Direct,
        Buffered,
        Completed,
    }

    /// <summary>The algorithm for compressed messages; null sends every message uncompressed.</summary>
    public ICompressionProvider? Compressor { get; set; }

    public CompressionLevel? CompressionLevel { get; set; }

    /// <summary>
    /// True when the last <see cref="Write"/> failed after putting part of a frame into the pipe: the stream is
    /// corrupt and must be reset, not ended normally.
    /// </summary>
    public bool LeftPartialFrame { get; private set; }

    /// <summary>
    /// Serializes and frames <paramref name="message"/> into the pipe (not flushed). Throws
    /// <see cref="RpcException"/> (RESOURCE_EXHAUSTED) when it is larger than the limit.
    /// </summary>
    public void Write(T message, WriteFlags flags)
    {
        _mode = Mode.Idle;
        _compress = Compressor is not null && (flags & WriteFlags.NoCompress) == 0;
        _declaredLength = -1;
        _directWritten = 0;
        try
        {
            _serializer(message, this);
            if (_mode != Mode.Completed)
            {
                throw new InvalidOperationException("The message serializer did not complete the message.");
            }
        }
        catch
        {
            LeftPartialFrame = _mode == Mode.Direct;
            throw;
        }
        finally
        {
            _buffer.Reset();
        }
    }

    public override void SetPayloadLength(int payloadLength)
    {
        CheckSize(payloadLength);
        _declaredLength = payloadLength;
        if (!_compress)
        {
            WriteHeader(compressed: false, payloadLength);
            _mode = Mode.Direct;
        }
    }

    public override IBufferWriter<byte> GetBufferWriter()
    {
        if (_mode == Mode.Direct)
        {
            return this;
        }

        _mode = Mode.Buffered;
        return _buffer;
    }

    public override void Complete()
    {
        switch (_mode)
        {
            case Mode.Direct:
                if (_directWritten != _declaredLength)
                {
                    throw new InvalidOperationException($"The message serializer declared {_declaredLength} bytes and wrote {_directWritten}.");
                }

                break;
            case Mode.Buffered:
                WritePayload(_buffer.WrittenSpan);
                break;
            default:
                throw new InvalidOperationException("Complete() without a buffer writer; call GetBufferWriter() first.");
        }

        _mode = Mode.Completed;
    }

    public override void Complete(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (_mode == Mode.Direct)
        {
            throw new InvalidOperationException("Complete(byte[]) after SetPayloadLength(); write to GetBufferWriter() instead.");
        }

        WritePayload(payload);
        _mode = Mode.Completed;
    }

    // IBufferWriter<byte> of the direct mode: the pipe itself, counting what the serializer commits.
    void IBufferWriter<byte>.Advance(int count)
    {
        _pipe.Advance(count);
        _directWritten += count;
    }

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint) => _pipe.GetMemory(sizeHint);

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint) => _pipe.GetSpan(sizeHint);

    private void WritePayload(ReadOnlySpan<byte> payload)
    {
        CheckSize(payload.Length);
        if (!_compress)
        {
            WriteHeader(compressed: false, payload.Length);
            _pipe.Write(payload);
            return;
        }

        using var compressed = new PooledBufferWriter();
        using (var output = new BufferWriterStream(compressed))
        using (var compressor = Compressor!.CreateCompressionStream(output, CompressionLevel))
        {
            compressor.Write(payload);
        }

        WriteHeader(compressed: true, compressed.WrittenCount);
        _pipe.Write(compressed.WrittenSpan);
    }

    private void WriteHeader(bool compressed, int length)
    {
        var header = _pipe.GetSpan(GrpcProtocol.MessageHeaderSize);
        header[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)length);
        _pipe.Advance(GrpcProtocol.MessageHeaderSize);
    }

    private void CheckSize(int length)
    {
        if (length > (_maxMessageSize ?? int.MaxValue))
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, "Sending message exceeds the maximum configured message size."));
        }
    }
}
