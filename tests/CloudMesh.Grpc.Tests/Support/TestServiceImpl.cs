using CloudMesh.Grpc.Tests.Protos;
using Google.Protobuf;
using Grpc.Core;

namespace CloudMesh.Grpc.Tests.Support;

/// <summary>
/// The CloudMesh side of test_service.proto. tests/interop/grpc/test-server.js implements the same contract
/// for grpc-js; keep them in step.
/// </summary>
public sealed class TestServiceImpl(CallOutcomes outcomes) : TestService.TestServiceBase
{
    public static readonly byte[] ErrorTrailerBytes = [0, 1, 2, 254, 255];

    public override async Task<TestReply> Unary(TestRequest request, ServerCallContext context)
    {
        await BeforeRepliesAsync(request, context);
        FailIfAsked(request, afterReplies: false);
        var reply = Reply(request, context, 0);
        outcomes.Record(request.Tag, "completed");
        return reply;
    }

    public override async Task ServerStream(TestRequest request, IServerStreamWriter<TestReply> responseStream, ServerCallContext context)
    {
        await BeforeRepliesAsync(request, context);
        FailIfAsked(request, afterReplies: false);
        for (var i = 0; i < request.ReplyCount; i++)
        {
            await responseStream.WriteAsync(Reply(request, context, i));
        }

        FailIfAsked(request, afterReplies: true);
        outcomes.Record(request.Tag, "completed");
    }

    public override async Task<TestReply> ClientStream(IAsyncStreamReader<TestRequest> requestStream, ServerCallContext context)
    {
        var messages = new List<string>();
        TestRequest? first = null;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            if (first is null)
            {
                first = request;
                await BeforeRepliesAsync(request, context);
            }

            FailIfAsked(request, afterReplies: false);
            messages.Add(request.Message);
        }

        var reply = Reply(first ?? new TestRequest(), context, 0);
        reply.Message = string.Join(',', messages);
        reply.RequestsReceived = messages.Count;
        outcomes.Record(first?.Tag ?? "", "completed");
        return reply;
    }

    public override async Task Bidi(IAsyncStreamReader<TestRequest> requestStream, IServerStreamWriter<TestReply> responseStream, ServerCallContext context)
    {
        var index = 0;
        var tag = "";
        var echoed = false;
        using var ended = new HandlerEnd(outcomes, () => tag);
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var request = requestStream.Current;
            tag = request.Tag.Length > 0 ? request.Tag : tag;
            if (request.EchoMetadata && !echoed)
            {
                echoed = true;
                await EchoMetadataAsync(context);
            }

            await WaitIfAskedAsync(request, context);
            FailIfAsked(request, afterReplies: false);
            await responseStream.WriteAsync(Reply(request, context, index++));
            if (request.EndNow)
            {
                break;
            }
        }

        outcomes.Record(tag, "completed");
    }

    /// <summary>Records "ended:&lt;tag&gt;" however the handler leaves (a reset mid-read ends it with an exception).</summary>
    private sealed class HandlerEnd(CallOutcomes outcomes, Func<string> tag) : IDisposable
    {
        public void Dispose() => outcomes.Record("ended:" + tag(), "ended");
    }

    public override Task<OutcomeReply> GetCallOutcome(OutcomeRequest request, ServerCallContext context) =>
        Task.FromResult(new OutcomeReply { Outcome = outcomes.Get(request.Tag) });

    private async Task BeforeRepliesAsync(TestRequest request, ServerCallContext context)
    {
        if (request.EchoMetadata)
        {
            await EchoMetadataAsync(context);
        }

        await WaitIfAskedAsync(request, context);
    }

    private async Task WaitIfAskedAsync(TestRequest request, ServerCallContext context)
    {
        if (request.ThrowMessage.Length > 0)
        {
            throw new InvalidOperationException(request.ThrowMessage);
        }

        if (request.IgnoreCancellationSleepMs > 0)
        {
            // Deliberately ignores context.CancellationToken: the server must end the call at the deadline anyway.
            // The test may release the handler earlier, once it has seen the response.
            await outcomes.WaitForReleaseAsync(request.Tag, TimeSpan.FromMilliseconds(request.IgnoreCancellationSleepMs));
            outcomes.Record(request.Tag, "slept");
        }

        if (!request.WaitForCancellation)
        {
            return;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A timer may fire a hair before the wall clock reaches the deadline: allow for that.
            outcomes.Record(request.Tag, context.Deadline <= DateTime.UtcNow.AddMilliseconds(25) ? "deadline" : "cancelled");
            throw;
        }
    }

    private static void FailIfAsked(TestRequest request, bool afterReplies)
    {
        if (request.FailCode == 0 || request.FailAfterReplies != afterReplies)
        {
            return;
        }

        var trailers = new Metadata
        {
            { "x-error-detail", "error-trailer" },
            { "x-error-bin", ErrorTrailerBytes },
        };
        throw new RpcException(new Status((StatusCode)request.FailCode, request.FailDetail), trailers);
    }

    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        var echoed = new Metadata();
        foreach (var entry in context.RequestHeaders)
        {
            if (entry.Key.StartsWith("x-echo-", StringComparison.Ordinal))
            {
                echoed.Add(entry);
                context.ResponseTrailers.Add(entry);
            }
        }

        // CloudMesh only: a handler chooses this call's response compression through its response headers.
        if (context.RequestHeaders.GetValue("x-response-encoding") is { } encoding)
        {
            echoed.Add("grpc-internal-encoding-request", encoding);
        }

        await context.WriteResponseHeadersAsync(echoed);
    }

    private static TestReply Reply(TestRequest request, ServerCallContext context, int index) => new()
    {
        Message = request.Message,
        Index = index,
        Payload = ByteString.CopyFrom(new byte[request.ReplyPayloadSize]),
        ReceivedPayloadSize = request.Payload.Length,
        DeadlineRemainingMs = context.Deadline == DateTime.MaxValue ? -1 : (long)(context.Deadline - DateTime.UtcNow).TotalMilliseconds,
        Host = context.Host,
        Peer = context.Peer,
        PeerIdentity = string.Join(',', context.AuthContext.PeerIdentity.Select(p => p.Value)),
        TransportSecurity = context.AuthContext.FindPropertiesByName("transport_security_type").FirstOrDefault()?.Value ?? "",
        HttpProtocol = context.GetHttpContext().Request.Protocol,
    };
}
