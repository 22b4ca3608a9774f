using System.Buffers;
using System.IO.Pipelines;
using CloudMesh.Grpc.Internal;
using Grpc.Core;
using Grpc.Net.Compression;

namespace CloudMesh.Grpc.Tests.Internal;

/// <summary>The message reader and writer over an in-memory pipe: framing, limits, compression, split reads.</summary>
public sealed class MessageFramingTests
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create<byte[]>(b => b, b => b);

    // What Grpc.Tools generates for protobuf messages: declare the length, write into the buffer writer.
    private static readonly Marshaller<byte[]> LengthFirstBytes = Marshallers.Create<byte[]>(
        (message, context) =>
        {
            context.SetPayloadLength(message.Length);
            var writer = context.GetBufferWriter();
            message.CopyTo(writer.GetSpan(message.Length));
            writer.Advance(message.Length);
            context.Complete();
        },
        context => context.PayloadAsReadOnlySequence().ToArray());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Messages_round_trip_with_either_serializer_style(bool lengthFirst)
    {
        var marshaller = lengthFirst ? LengthFirstBytes : Bytes;
        var pipe = new Pipe();
        var writer = new GrpcMessageWriter<byte[]>(pipe.Writer, marshaller.ContextualSerializer, maxMessageSize: null);
        byte[][] messages = [[], [1], [.. Enumerable.Range(0, 70_000).Select(i => (byte)i)]];

        foreach (var message in messages)
        {
            writer.Write(message, default);
        }

        await pipe.Writer.CompleteAsync();
        var reader = new GrpcMessageReader<byte[]>(pipe.Reader, marshaller.ContextualDeserializer, null, []);
        foreach (var message in messages)
        {
            Assert.True(await reader.ReadNextAsync(CancellationToken.None));
            Assert.Equal(message, reader.Current);
        }

        Assert.False(await reader.ReadNextAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_message_split_across_many_small_reads_is_reassembled()
    {
        var framed = new Pipe();
        new GrpcMessageWriter<byte[]>(framed.Writer, Bytes.ContextualSerializer, null).Write([.. Enumerable.Range(0, 1000).Select(i => (byte)i)], default);
        await framed.Writer.CompleteAsync();
        var bytes = (await framed.Reader.ReadAsync()).Buffer.ToArray();
        var trickle = new Pipe();
        var reader = new GrpcMessageReader<byte[]>(trickle.Reader, Bytes.ContextualDeserializer, null, []);

        var read = reader.ReadNextAsync(CancellationToken.None).AsTask();
        foreach (var b in bytes)
        {
            await trickle.Writer.WriteAsync(new[] { b });
        }

        Assert.True(await read);
        Assert.Equal(1000, reader.Current.Length);
    }

    [Fact]
    public async Task Gzip_compressed_messages_round_trip()
    {
        var pipe = new Pipe();
        var gzip = new GzipCompressionProvider(System.IO.Compression.CompressionLevel.Fastest);
        var writer = new GrpcMessageWriter<byte[]>(pipe.Writer, LengthFirstBytes.ContextualSerializer, null) { Compressor = gzip };
        var message = new byte[50_000];

        writer.Write(message, default);
        writer.Write(message, WriteFlags.NoCompress);
        await pipe.Writer.CompleteAsync();

        var buffered = (await pipe.Reader.ReadAsync()).Buffer;
        Assert.Equal(1, buffered.FirstSpan[0]);
        Assert.True(buffered.Length < 50_000 + 5 + 1_000, "the compressed frame should be small");
        pipe.Reader.AdvanceTo(buffered.Start);
        var reader = new GrpcMessageReader<byte[]>(pipe.Reader, Bytes.ContextualDeserializer, null, [gzip]) { Encoding = "gzip" };
        Assert.True(await reader.ReadNextAsync(CancellationToken.None));
        Assert.Equal(message, reader.Current);
        Assert.True(await reader.ReadNextAsync(CancellationToken.None));
        Assert.Equal(message, reader.Current);
    }

    [Fact]
    public async Task Oversized_message_is_refused_from_its_header_alone()
    {
        var pipe = new Pipe();
        // Only the 5-byte header of a 10 MB message arrives: the reader must not wait for (or buffer) the rest.
        await pipe.Writer.WriteAsync(new byte[] { 0, 0, 0xA0, 0, 0 });
        var reader = new GrpcMessageReader<byte[]>(pipe.Reader, Bytes.ContextualDeserializer, 4 * 1024 * 1024, []);

        var error = await Assert.ThrowsAsync<RpcException>(() => reader.ReadNextAsync(CancellationToken.None).AsTask());

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Decompressed_size_counts_against_the_limit()
    {
        var pipe = new Pipe();
        var gzip = new GzipCompressionProvider(System.IO.Compression.CompressionLevel.Optimal);
        new GrpcMessageWriter<byte[]>(pipe.Writer, Bytes.ContextualSerializer, null) { Compressor = gzip }.Write(new byte[1_000_000], default);
        await pipe.Writer.CompleteAsync();
        var reader = new GrpcMessageReader<byte[]>(pipe.Reader, Bytes.ContextualDeserializer, 100_000, [gzip]) { Encoding = "gzip" };

        var error = await Assert.ThrowsAsync<RpcException>(() => reader.ReadNextAsync(CancellationToken.None).AsTask());

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public void Writer_refuses_an_oversized_message_before_writing_anything()
    {
        var pipe = new Pipe();
        var writer = new GrpcMessageWriter<byte[]>(pipe.Writer, LengthFirstBytes.ContextualSerializer, 10);

        var error = Assert.Throws<RpcException>(() => writer.Write(new byte[11], default));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(0, pipe.Writer.UnflushedBytes);
        Assert.False(writer.LeftPartialFrame);
    }

    [Fact]
    public void Serializer_that_writes_a_different_length_than_declared_is_caught()
    {
        var lying = Marshallers.Create<byte[]>(
            (message, context) =>
            {
                context.SetPayloadLength(message.Length + 1);
                var writer = context.GetBufferWriter();
                message.CopyTo(writer.GetSpan(message.Length));
                writer.Advance(message.Length);
                context.Complete();
            },
            context => context.PayloadAsNewBuffer());
        var writer = new GrpcMessageWriter<byte[]>(new Pipe().Writer, lying.ContextualSerializer, null);

        Assert.Throws<InvalidOperationException>(() => writer.Write([1, 2, 3], default));
        Assert.True(writer.LeftPartialFrame);
    }

    [Fact]
    public async Task Invalid_compressed_flag_is_internal()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(new byte[] { 7, 0, 0, 0, 0 });
        var reader = new GrpcMessageReader<byte[]>(pipe.Reader, Bytes.ContextualDeserializer, null, []);

        var error = await Assert.ThrowsAsync<RpcException>(() => reader.ReadNextAsync(CancellationToken.None).AsTask());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }
}
