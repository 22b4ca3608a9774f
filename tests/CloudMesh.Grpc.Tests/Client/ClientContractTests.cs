using System.Text;
using CloudMesh.Grpc.Tests.Protos;
using CloudMesh.Grpc.Tests.Support;
using CloudMesh.TestSupport;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace CloudMesh.Grpc.Tests.Client;

/// <summary>
/// What CloudMesh's client must do against any conforming server. Runs against CloudMesh's own server and
/// against grpc-js (a server we did not write), over real loopback sockets.
/// </summary>
public abstract class ClientContractTests : IDisposable
{
    private readonly List<GrpcChannel> _channels = [];

    protected abstract Uri Address { get; }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Unary_call_round_trips_a_message()
    {
        var client = Client();
        using var call = client.UnaryAsync(new TestRequest { Message = "héllo wörld ✓" });

        var reply = await call;

        Assert.Equal("héllo wörld ✓", reply.Message);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.NotNull(await call.ResponseHeadersAsync);
    }

    [Fact]
    public async Task Blocking_unary_call_returns_the_reply()
    {
        var reply = await Task.Run(() => Client().Unary(new TestRequest { Message = "blocking" }));

        Assert.Equal("blocking", reply.Message);
    }

    [Fact]
    public async Task Unary_call_carries_megabyte_messages_both_ways()
    {
        var payload = ByteString.CopyFrom(Enumerable.Range(0, 1024 * 1024).Select(i => (byte)i).ToArray());

        var reply = await Client().UnaryAsync(new TestRequest { Payload = payload, ReplyPayloadSize = 1024 * 1024 });

        Assert.Equal(1024 * 1024, reply.ReceivedPayloadSize);
        Assert.Equal(1024 * 1024, reply.Payload.Length);
    }

    [Fact]
    public async Task Server_streaming_delivers_every_reply_in_order()
    {
        using var call = Client().ServerStream(new TestRequest { Message = "s", ReplyCount = 200 });

        var indexes = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            indexes.Add(reply.Index);
        }

        Assert.Equal(Enumerable.Range(0, 200), indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_streaming_sends_every_request_before_the_reply()
    {
        using var call = Client().ClientStream();
        for (var i = 0; i < 50; i++)
        {
            await call.RequestStream.WriteAsync(new TestRequest { Message = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call;

        Assert.Equal(50, reply.RequestsReceived);
        Assert.Equal(string.Join(',', Enumerable.Range(0, 50)), reply.Message);
    }

    [Fact]
    public async Task Bidirectional_streaming_interleaves_requests_and_replies()
    {
        using var call = Client().Bidi();
        for (var i = 0; i < 20; i++)
        {
            await call.RequestStream.WriteAsync(new TestRequest { Message = $"ping {i}" });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(i, call.ResponseStream.Current.Index);
            Assert.Equal($"ping {i}", call.ResponseStream.Current.Message);
        }

        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_may_end_a_bidirectional_call_before_the_client_does()
    {
        using var call = Client().Bidi();
        await call.RequestStream.WriteAsync(new TestRequest { Message = "last", EndNow = true });

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync(new TestRequest()));
        await call.RequestStream.CompleteAsync();
    }

    [Fact]
    public async Task Error_status_carries_code_detail_and_trailers()
    {
        using var call = Client().UnaryAsync(new TestRequest { FailCode = (int)StatusCode.NotFound, FailDetail = "nöt found: 100% sure" });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("nöt found: 100% sure", error.Status.Detail);
        Assert.Equal("error-trailer", error.Trailers.GetValue("x-error-detail"));
        Assert.Equal(TestServiceImpl.ErrorTrailerBytes, error.Trailers.GetValueBytes("x-error-bin"));
        Assert.Equal(StatusCode.NotFound, call.GetStatus().StatusCode);
        Assert.Equal("error-trailer", call.GetTrailers().GetValue("x-error-detail"));
    }

    [Fact]
    public async Task Error_after_replies_arrives_after_the_replies()
    {
        using var call = Client().ServerStream(new TestRequest { ReplyCount = 3, FailCode = (int)StatusCode.Aborted, FailDetail = "late", FailAfterReplies = true });

        for (var i = 0; i < 3; i++)
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("late", error.Status.Detail);
        Assert.Equal(TestServiceImpl.ErrorTrailerBytes, error.Trailers.GetValueBytes("x-error-bin"));
    }

    [Fact]
    public async Task Deadline_fails_the_call_and_cancels_the_handler()
    {
        var tag = NewTag();
        var client = Client();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.UnaryAsync(new TestRequest { WaitForCancellation = true, Tag = tag }, deadline: DateTime.UtcNow.AddMilliseconds(300)).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);

        // The server's deadline starts when the request arrives, a moment after the client's: the client's reset
        // usually reaches the handler first. Either way the handler must have been cancelled.
        await Eventually.ReturnsAsync(() => OutcomeAsync(client, tag), outcome => outcome is "deadline" or "cancelled", "the handler to be cancelled");
    }

    [Fact]
    public async Task Cancelling_a_stream_resets_it_and_the_server_sees_it()
    {
        var tag = NewTag();
        var client = Client();
        using var cancellation = new CancellationTokenSource();
        using var call = client.Bidi(new Metadata { { "x-echo-ready", "1" } }, cancellationToken: cancellation.Token);
        await call.RequestStream.WriteAsync(new TestRequest { WaitForCancellation = true, EchoMetadata = true, Tag = tag });

        // Response headers mean the server holds the request and waits; now cancel.
        await call.ResponseHeadersAsync;
        var read = call.ResponseStream.MoveNext(CancellationToken.None);
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => read);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        await Eventually.ReturnsAsync(() => OutcomeAsync(client, tag), outcome => outcome == "cancelled", "the server to see the cancellation");
    }

    [Fact]
    public async Task Cancelled_read_token_cancels_the_call()
    {
        using var call = Client().Bidi();
        await call.RequestStream.WriteAsync(new TestRequest { WaitForCancellation = true });
        using var readCancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(readCancellation.Token));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Deadline_is_sent_to_the_server()
    {
        var client = Client();

        var withDeadline = await client.UnaryAsync(new TestRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
        var withoutDeadline = await client.UnaryAsync(new TestRequest());

        Assert.InRange(withDeadline.DeadlineRemainingMs, 1, 30_000);
        Assert.Equal(-1, withoutDeadline.DeadlineRemainingMs);
    }

    [Fact]
    public async Task Metadata_round_trips_as_response_headers_and_trailers()
    {
        byte[] binary = [0, 1, 2, 0x7F, 0x80, 0xFE, 0xFF];
        var headers = new Metadata
        {
            { "x-echo-text", "plain value" },
            { "x-echo-data-bin", binary },
            { "x-not-echoed", "x" },
        };
        using var call = Client().UnaryAsync(new TestRequest { EchoMetadata = true }, headers);

        var responseHeaders = await call.ResponseHeadersAsync;
        await call;
        var trailers = call.GetTrailers();

        Assert.Equal("plain value", responseHeaders.GetValue("x-echo-text"));
        Assert.Equal(binary, responseHeaders.GetValueBytes("x-echo-data-bin"));
        Assert.Null(responseHeaders.Get("x-not-echoed"));
        Assert.Equal("plain value", trailers.GetValue("x-echo-text"));
        Assert.Equal(binary, trailers.GetValueBytes("x-echo-data-bin"));
    }

    [Fact]
    public async Task Client_rejects_a_reply_larger_than_its_receive_limit()
    {
        var client = Client(new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new TestRequest { ReplyPayloadSize = 100 * 1024 }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Client_refuses_to_send_a_message_larger_than_its_send_limit()
    {
        var client = Client(new GrpcChannelOptions { MaxSendMessageSize = 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.UnaryAsync(new TestRequest { Payload = ByteString.CopyFrom(new byte[2048]) }).ResponseAsync);
        var small = await client.UnaryAsync(new TestRequest { Message = "fits" });

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("fits", small.Message);
    }

    [Fact]
    public async Task Streaming_write_larger_than_the_send_limit_fails_the_call()
    {
        var client = Client(new GrpcChannelOptions { MaxSendMessageSize = 1024 });
        using var call = client.Bidi();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new TestRequest { Payload = ByteString.CopyFrom(new byte[2048]) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(StatusCode.ResourceExhausted, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_rejects_a_request_larger_than_its_receive_limit()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client().UnaryAsync(new TestRequest { Payload = ByteString.CopyFrom(new byte[5 * 1024 * 1024]) }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Unknown_method_and_unknown_service_are_unimplemented()
    {
        var invoker = Channel().CreateCallInvoker();
        var marshaller = Marshallers.Create<TestRequest>((m, c) => c.Complete(m.ToByteArray()), c => TestRequest.Parser.ParseFrom(c.PayloadAsNewBuffer()));
        var unknownMethod = new Method<TestRequest, TestRequest>(MethodType.Unary, "cloudmesh.grpc.test.TestService", "NoSuchMethod", marshaller, marshaller);
        var unknownService = new Method<TestRequest, TestRequest>(MethodType.Unary, "cloudmesh.grpc.test.NoSuchService", "Unary", marshaller, marshaller);

        var methodError = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(unknownMethod, null, default, new TestRequest()).ResponseAsync);
        var serviceError = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(unknownService, null, default, new TestRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, methodError.StatusCode);
        Assert.Equal(StatusCode.Unimplemented, serviceError.StatusCode);
    }

    [Fact]
    public async Task Gzip_compressed_requests_are_understood()
    {
        var payload = ByteString.CopyFrom(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("compress me ", 10_000))));
        var headers = new Metadata { { "grpc-internal-encoding-request", "gzip" } };

        var reply = await Client().UnaryAsync(new TestRequest { Payload = payload }, headers);

        Assert.Equal(payload.Length, reply.ReceivedPayloadSize);
    }

    [Fact]
    public async Task Abandoning_a_stream_midway_cancels_it()
    {
        var call = Client().ServerStream(new TestRequest { ReplyCount = 100_000, ReplyPayloadSize = 1024 });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        call.Dispose();

        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Many_concurrent_calls_share_one_channel()
    {
        var client = Client();

        var replies = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.UnaryAsync(new TestRequest { Message = $"m{i}" }).ResponseAsync));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"m{i}"), replies.Select(r => r.Message));
    }

    protected GrpcChannel Channel(GrpcChannelOptions? options = null)
    {
        var channel = GrpcChannel.ForAddress(Address, options ?? new GrpcChannelOptions());
        _channels.Add(channel);
        return channel;
    }

    protected TestService.TestServiceClient Client(GrpcChannelOptions? options = null) => new(Channel(options));

    protected static string NewTag() => Guid.NewGuid().ToString("N");

    protected static async Task<string> OutcomeAsync(TestService.TestServiceClient client, string tag) =>
        (await client.GetCallOutcomeAsync(new OutcomeRequest { Tag = tag })).Outcome;
}

/// <summary>The client contract against CloudMesh's own server.</summary>
public sealed class ClientAgainstCloudMeshServerTests(CloudMeshServerFixture fixture) : ClientContractTests, IClassFixture<CloudMeshServerFixture>
{
    protected override Uri Address => fixture.Server.Address;
}

/// <summary>The client contract against @grpc/grpc-js's server (tests/interop/grpc/test-server.js).</summary>
public sealed class ClientAgainstGrpcJsServerTests(GrpcJsServerFixture fixture) : ClientContractTests, IClassFixture<GrpcJsServerFixture>
{
    protected override Uri Address => fixture.Server.Address;
}
