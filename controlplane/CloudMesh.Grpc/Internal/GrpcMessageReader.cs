using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Grpc.Core;
using Grpc.Net.Compression;

namespace CloudMesh.Grpc.Internal;

/// <summary>
/// Reads length-prefixed gRPC messages from a pipe and deserializes each straight from the pipe's buffers
/// (no copy unless the message is compressed). One reader per stream; not thread-safe.
/// </summary>
internal sealed class GrpcMessageReader<T>(
    PipeReader reader,
    Func<DeserializationContext, T> deserializer,
    int? maxMessageSize,
    IList<ICompressionProvider> compressionProviders)
{
    private readonly PayloadDeserializationContext _context = new();

    /// <summary>The message read by the last successful <see cref="ReadNextAsync"/>.</summary>
    public T Current { get; private set; } = default!;

    /// <summary>The peer's <c>grpc-encoding</c>, used for messages flagged compressed.</summary>
    public string? Encoding { get; set; }

    /// <summary>
    /// Reads the next message: true and <see cref="Current"/> set, or false at a clean end of stream. Throws
    /// <see cref="RpcException"/> for protocol violations and <see cref="OperationCanceledException"/> when the
    /// read is cancelled (by the token or <see cref="PipeReader.CancelPendingRead"/>).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> ReadNextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The read was cancelled.");
            }

            var buffer = result.Buffer;
            if (buffer.Length >= GrpcProtocol.MessageHeaderSize)
            {
                var (compressed, length) = ReadHeader(buffer);
                if (length > (maxMessageSize ?? int.MaxValue))
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
                }

                var frameLength = GrpcProtocol.MessageHeaderSize + length;
                if (buffer.Length >= frameLength)
                {
                    try
                    {
                        Current = Deserialize(buffer.Slice(GrpcProtocol.MessageHeaderSize, length), compressed);
                    }
                    finally
                    {
                        reader.AdvanceTo(buffer.GetPosition(frameLength));
                    }

                    return true;
                }
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                if (buffer.Length == 0)
                {
                    return false;
                }

                throw new RpcException(new Status(StatusCode.Internal, "Incomplete message."));
            }

            // Everything seen, nothing consumed: wake up when more bytes arrive.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Stops reading and returns the pipe's buffers to their pool; call from the reading side only.</summary>
    public void Complete() => reader.Complete();

    private static (bool Compressed, long Length) ReadHeader(ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[GrpcProtocol.MessageHeaderSize];
        buffer.Slice(0, GrpcProtocol.MessageHeaderSize).CopyTo(header);
        if (header[0] > 1)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Invalid compressed flag {header[0]} in message header."));
        }

        return (header[0] == 1, BinaryPrimitives.ReadUInt32BigEndian(header[1..]));
    }

    private T Deserialize(ReadOnlySequence<byte> payload, bool compressed)
    {
        if (!compressed)
        {
            return DeserializePayload(payload);
        }

        using var decompressed = new PooledBufferWriter();
        try
        {
            Decompress(payload, decompressed);
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to decompress message.", ex));
        }

        return DeserializePayload(new ReadOnlySequence<byte>(decompressed.WrittenMemory));
    }

    private T DeserializePayload(ReadOnlySequence<byte> payload)
    {
        _context.SetPayload(payload);
        try
        {
            return deserializer(_context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize message.", ex));
        }
        finally
        {
            _context.SetPayload(default);
        }
    }

    private void Decompress(ReadOnlySequence<byte> payload, PooledBufferWriter output)
    {
        if (Encoding is null || Encoding == GrpcProtocol.IdentityEncoding)
        {
            throw new RpcException(new Status(StatusCode.Internal, "A message is flagged compressed but the call has no grpc-encoding."));
        }

        var provider = compressionProviders.FirstOrDefault(p => p.EncodingName == Encoding)
            ?? throw new RpcException(new Status(
                StatusCode.Unimplemented,
                $"Unsupported grpc-encoding value '{Encoding}'. Supported encodings: {GrpcProtocol.AcceptEncodingValue(compressionProviders)}"));

        var limit = maxMessageSize ?? int.MaxValue;
        using var source = new ReadOnlySequenceStream(payload);
        using var decompressor = provider.CreateDecompressionStream(source);
        while (true)
        {
            var read = decompressor.Read(output.GetSpan(4096));
            if (read == 0)
            {
                return;
            }

            output.Advance(read);
            if (output.WrittenCount > limit)
            {
                throw new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
            }
        }
    }
}
