using System.Net;
using CloudMesh.Grpc.Tests.Protos;
using CloudMesh.Grpc.Tests.Support;
using CloudMesh.TestSupport;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace CloudMesh.Grpc.Tests.Server;

/// <summary>
/// CloudMesh's server on the wire: requests built by hand (PROTOCOL-HTTP2.md) check rejections, where status
/// and trailers go, framing errors and deadlines the handler ignores.
/// </summary>
public sealed class ServerProtocolTests : IAsyncLifetime
{
    private CloudMeshTestServer _server = null!;
    private readonly HttpClient _http = RawGrpc.CreateClient();

    public async Task InitializeAsync() => _server = await CloudMeshTestServer.StartAsync(withHttp1Endpoint: true);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Http1_request_is_refused_with_426()
    {
        var response = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Http1Address!, RawGrpc.TestService + "Unary", RawGrpc.Frame(new TestRequest()), version: HttpVersion.Version11));

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal("13", response.HeaderStatus);
    }

    [Fact]
    public async Task Non_grpc_content_type_is_refused_with_415()
    {
        var response = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Address, RawGrpc.TestService + "Unary", RawGrpc.Frame(new TestRequest()), "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("13", response.HeaderStatus);
    }

    [Fact]
    public async Task Unknown_service_and_unknown_method_are_told_apart()
    {
        var service = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Address, "/no.such.Service/Call", RawGrpc.Frame(new TestRequest())));
        var method = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Address, RawGrpc.TestService + "NoSuchMethod", RawGrpc.Frame(new TestRequest())));

        Assert.Equal(("12", "Service is unimplemented."), (service.HeaderStatus, service.Headers["grpc-message"]));
        Assert.Equal(("12", "Method is unimplemented."), (method.HeaderStatus, method.Headers["grpc-message"]));
    }

    [Fact]
    public async Task Non_grpc_requests_to_other_paths_are_left_to_the_application()
    {
        var response = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Address, "/some/path", [], "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.HeaderStatus);
    }

    [Fact]
    public async Task Error_before_any_message_is_a_trailers_only_response()
    {
        var request = new TestRequest { FailCode = (int)StatusCode.PermissionDenied, FailDetail = "nö" };

        var response = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Address, RawGrpc.TestService + "Unary", RawGrpc.Frame(request)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.ContentType);
        Assert.Equal("7", response.HeaderStatus);
        Assert.Equal("n%C3%B6", response.Headers["grpc-message"]);
        Assert.Equal("error-trailer", response.Headers["x-error-detail"]);
        Assert.Empty(response.Body);
        Assert.Null(response.TrailerStatus);
    }

    [Fact]
    public async Task Status_after_messages_travels_in_trailers()
    {
        var request = new TestRequest { ReplyCount = 2, FailCode = (int)StatusCode.Aborted, FailAfterReplies = true };

        var response = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Address, RawGrpc.TestService + "ServerStream", RawGrpc.Frame(request)));

        Assert.Null(response.HeaderStatus);
        Assert.Equal("10", response.TrailerStatus);
        Assert.Equal("error-trailer", response.Trailers["x-error-detail"]);
        Assert.Equal("AAEC/v8", response.Trailers["x-error-bin"]);
        Assert.NotEmpty(response.Body);
    }

    [Fact]
    public async Task Successful_unary_call_sends_message_then_ok_trailers()
    {
        var response = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Address, RawGrpc.TestService + "Unary", RawGrpc.Frame(new TestRequest { Message = "x" })));

        Assert.Equal("0", response.TrailerStatus);
        Assert.Equal(0, response.Body[0]);
        Assert.Equal("x", TestReply.Parser.ParseFrom(response.Body.AsSpan(5).ToArray()).Message);
        Assert.Equal("identity,gzip", response.Headers["grpc-accept-encoding"]);
    }

    [Fact]
    public async Task Truncated_message_is_internal()
    {
        var frame = RawGrpc.Frame(new TestRequest { Message = "truncated" });

        var response = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Address, RawGrpc.TestService + "Unary", frame[..^3]));

        Assert.Equal("13", response.HeaderStatus);
        Assert.Equal("Incomplete message.", response.Headers["grpc-message"]);
    }

    [Fact]
    public async Task Missing_request_message_is_internal()
    {
        var response = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Address, RawGrpc.TestService + "Unary", []));

        Assert.Equal("13", response.HeaderStatus);
    }

    [Fact]
    public async Task Compressed_flag_without_an_encoding_is_internal()
    {
        var frame = RawGrpc.Frame(new TestRequest { Message = "m" }.ToByteArray(), compressedFlag: true);

        var response = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Address, RawGrpc.TestService + "Unary", frame));

        Assert.Equal("13", response.HeaderStatus);
    }

    [Fact]
    public async Task Unsupported_encoding_is_unimplemented()
    {
        var frame = RawGrpc.Frame([1, 2, 3], compressedFlag: true);

        var response = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Address, RawGrpc.TestService + "Unary", frame, headers: ("grpc-encoding", "snappy")));

        Assert.Equal("12", response.HeaderStatus);
        Assert.Contains("snappy", response.Headers["grpc-message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_ends_the_response_while_the_handler_ignores_it()
    {
        var tag = Guid.NewGuid().ToString("N");
        var request = new TestRequest { IgnoreCancellationSleepMs = 30_000, Tag = tag };
        try
        {
            // No client-side deadline here: only the server's own timer can end this call.
            var response = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Address, RawGrpc.TestService + "Unary", RawGrpc.Frame(request), headers: ("grpc-timeout", "200m")));

            Assert.Equal("4", response.HeaderStatus ?? response.TrailerStatus);
            Assert.Equal("", _server.Outcomes.Get(tag));
        }
        finally
        {
            _server.Outcomes.Release(tag);
        }
    }

    [Fact]
    public async Task Deadline_cancels_the_handler_token()
    {
        var tag = Guid.NewGuid().ToString("N");
        var request = new TestRequest { WaitForCancellation = true, Tag = tag };

        var response = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Address, RawGrpc.TestService + "Unary", RawGrpc.Frame(request), headers: ("grpc-timeout", "100m")));

        Assert.Equal("4", response.HeaderStatus);
        Assert.Equal("Deadline Exceeded", response.Headers["grpc-message"]);
        await Eventually.ReturnsAsync(() => Task.FromResult(_server.Outcomes.Get(tag)), o => o == "deadline", "the handler to see its deadline");
    }

    [Fact]
    public async Task Malformed_timeout_is_ignored()
    {
        var response = await RawGrpc.SendAsync(_http, RawGrpc.Request(_server.Address, RawGrpc.TestService + "Unary", RawGrpc.Frame(new TestRequest()), headers: ("grpc-timeout", "soon")));

        Assert.Equal("0", response.TrailerStatus);
        Assert.Equal(-1, TestReply.Parser.ParseFrom(response.Body.AsSpan(5).ToArray()).DeadlineRemainingMs);
    }

    [Fact]
    public async Task Handler_reports_what_the_call_context_knows()
    {
        using var channel = GrpcChannel.ForAddress(_server.Address);
        var client = new TestService.TestServiceClient(channel);

        var reply = await client.UnaryAsync(new TestRequest());
        var withHost = await client.WithHost("custom.example:1234").UnaryAsync(new TestRequest());

        Assert.Equal($"127.0.0.1:{_server.Address.Port}", reply.Host);
        Assert.StartsWith("ipv4:127.0.0.1:", reply.Peer, StringComparison.Ordinal);
        Assert.Equal("HTTP/2", reply.HttpProtocol);
        Assert.Equal("", reply.TransportSecurity);
        Assert.Equal("custom.example:1234", withHost.Host);
    }
}
