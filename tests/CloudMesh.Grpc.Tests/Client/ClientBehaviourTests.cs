using CloudMesh.Grpc.Tests.Protos;
using CloudMesh.Grpc.Tests.Support;
using Grpc.Core;
using Grpc.Net.Client;

namespace CloudMesh.Grpc.Tests.Client;

/// <summary>Client behaviour beyond the wire contract: call objects, propagation, cancellation styles.</summary>
public sealed class ClientBehaviourTests(CloudMeshServerFixture fixture) : IClassFixture<CloudMeshServerFixture>, IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(fixture.Server.Address);

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Status_and_trailers_are_unavailable_until_the_call_ends()
    {
        using var call = new TestService.TestServiceClient(_channel).Bidi();

        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
        Assert.Throws<InvalidOperationException>(() => call.GetTrailers());

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Writes_after_completing_the_request_stream_are_refused()
    {
        using var call = new TestService.TestServiceClient(_channel).ClientStream();
        await call.RequestStream.CompleteAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => call.RequestStream.WriteAsync(new TestRequest()));
        Assert.Equal(0, (await call).RequestsReceived);
    }

    [Fact]
    public async Task Writes_to_a_failed_call_report_its_status()
    {
        using var call = new TestService.TestServiceClient(_channel).Bidi();
        await call.RequestStream.WriteAsync(new TestRequest { FailCode = (int)StatusCode.FailedPrecondition });
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new TestRequest()));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public async Task Deadline_already_passed_fails_without_sending()
    {
        var tag = Guid.NewGuid().ToString("N");
        var client = new TestService.TestServiceClient(_channel);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.UnaryAsync(new TestRequest { Tag = tag }, deadline: DateTime.UtcNow.AddSeconds(-1)).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal("", fixture.Server.Outcomes.Get(tag));
    }

    [Fact]
    public async Task Cancellation_can_surface_as_OperationCanceledException()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.Address, new GrpcChannelOptions { ThrowOperationCanceledOnCancellation = true });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new TestService.TestServiceClient(channel).UnaryAsync(new TestRequest { WaitForCancellation = true }, cancellationToken: cancellation.Token).ResponseAsync);
    }

    [Fact]
    public async Task Propagation_token_passes_the_parent_deadline_and_cancellation_on()
    {
        var client = new TestService.TestServiceClient(_channel);
        using var parentCancellation = new CancellationTokenSource();
        var parent = new ServerCallPropagationToken(DateTime.UtcNow.AddSeconds(5), parentCancellation.Token, null);

        var reply = await client.UnaryAsync(new TestRequest(), new CallOptions(propagationToken: parent));
        using var child = client.UnaryAsync(new TestRequest { WaitForCancellation = true }, new CallOptions(propagationToken: parent));
        await parentCancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => child.ResponseAsync);

        Assert.InRange(reply.DeadlineRemainingMs, 1, 5_000);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public void Client_made_for_test_doubles_fails_loudly()
    {
        Assert.Throws<InvalidOperationException>(() => new TestDoubleClient().Unary(new TestRequest()));
    }

    [Fact]
    public async Task Connection_refused_is_unavailable()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{CloudMesh.TestSupport.FreePort.Get()}");

        var error = await Assert.ThrowsAsync<RpcException>(() => new TestService.TestServiceClient(channel).UnaryAsync(new TestRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private sealed class TestDoubleClient : TestService.TestServiceClient
    {
    }
}
