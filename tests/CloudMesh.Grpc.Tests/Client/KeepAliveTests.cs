using CloudMesh.Grpc.Tests.Protos;
using CloudMesh.Grpc.Tests.Support;
using CloudMesh.Grpc;
using CloudMesh.TestSupport;
using Grpc.Core;
using Grpc.Net.Client;

namespace CloudMesh.Grpc.Tests.Client;

/// <summary>
/// HTTP/2 keepalive pings find peers that vanished without closing their connection: a relay between client
/// and server freezes, and only the pings can tell. Without them both calls below would wait forever.
/// </summary>
public sealed class KeepAliveTests
{
    [Fact]
    public async Task Server_pings_cancel_the_calls_of_a_vanished_client()
    {
        await using var server = await CloudMeshTestServer.StartAsync(
            configureKestrel: kestrel => kestrel.ConfigureGrpcKeepAlive(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        await using var relay = new TcpRelay(server.Address);
        using var channel = GrpcChannel.ForAddress(relay.Address);
        var tag = Guid.NewGuid().ToString("N");
        using var call = new TestService.TestServiceClient(channel).Bidi(new Metadata { { "x-echo-ready", "1" } });
        await call.RequestStream.WriteAsync(new TestRequest { WaitForCancellation = true, EchoMetadata = true, Tag = tag });
        await call.ResponseHeadersAsync;

        relay.Freeze();

        await Eventually.ReturnsAsync(() => Task.FromResult(server.Outcomes.Get(tag)), o => o == "cancelled", "the server to drop the silent connection", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Client_pings_fail_the_calls_to_a_vanished_server()
    {
        await using var server = await CloudMeshTestServer.StartAsync();
        await using var relay = new TcpRelay(server.Address);
        using var channel = GrpcChannel.ForAddress(relay.Address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                KeepAlivePingDelay = TimeSpan.FromSeconds(1),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(1),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            },
            DisposeHttpClient = true,
        });
        using var call = new TestService.TestServiceClient(channel).Bidi(new Metadata { { "x-echo-ready", "1" } });
        await call.RequestStream.WriteAsync(new TestRequest { WaitForCancellation = true, EchoMetadata = true });
        await call.ResponseHeadersAsync;
        var read = call.ResponseStream.MoveNext(CancellationToken.None);

        relay.Freeze();

        var error = await Assert.ThrowsAsync<RpcException>(() => read.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
