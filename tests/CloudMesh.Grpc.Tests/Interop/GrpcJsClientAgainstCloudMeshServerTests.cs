using System.Text.Json;
using CloudMesh.Grpc.Tests.Protos;
using CloudMesh.Grpc.Tests.Support;
using CloudMesh.TestSupport;
using Grpc.Net.Client;

namespace CloudMesh.Grpc.Tests.Interop;

/// <summary>
/// @grpc/grpc-js's client (tests/interop/grpc/test-client.js) calls CloudMesh's server: every call type,
/// metadata, errors, deadlines, cancellation, compression and limits, checked from the client's side and, where
/// it matters, from the server's.
/// </summary>
public sealed class GrpcJsClientAgainstCloudMeshServerTests(CloudMeshServerFixture fixture) : IClassFixture<CloudMeshServerFixture>
{
    [Fact]
    public async Task Unary_call_with_metadata()
    {
        var result = await RunAsync("unary");

        Assert.Equal("héllo from grpc-js", result.GetProperty("message").GetString());
        Assert.Equal("HTTP/2", result.GetProperty("httpProtocol").GetString());
        foreach (var part in new[] { "headers", "trailers" })
        {
            var metadata = result.GetProperty(part);
            Assert.Equal("from grpc-js", metadata.GetProperty("x-echo-text")[0].GetString());
            Assert.Equal("base64:AAEC/v8=", metadata.GetProperty("x-echo-data-bin")[0].GetString());
        }
    }

    [Fact]
    public async Task Server_streaming()
    {
        var result = await RunAsync("serverStream");

        Assert.Equal(Enumerable.Range(0, 100), result.GetProperty("indexes").EnumerateArray().Select(i => i.GetInt32()));
    }

    [Fact]
    public async Task Client_streaming()
    {
        var result = await RunAsync("clientStream");

        Assert.Equal(30, result.GetProperty("requestsReceived").GetInt32());
        Assert.Equal(string.Join(',', Enumerable.Range(0, 30)), result.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Bidirectional_streaming_ping_pong()
    {
        var result = await RunAsync("bidi");

        var replies = result.GetProperty("replies").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 20), replies.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"ping {i}"), replies.Select(r => r.GetProperty("message").GetString()));
        Assert.Equal(0, result.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Error_status_with_detail_and_trailers()
    {
        var result = await RunAsync("error");

        Assert.Equal(5, result.GetProperty("code").GetInt32());
        Assert.Equal("nöt found: 100% sure", result.GetProperty("details").GetString());
        Assert.Equal("error-trailer", result.GetProperty("trailers").GetProperty("x-error-detail")[0].GetString());
        Assert.Equal("base64:AAEC/v8=", result.GetProperty("trailers").GetProperty("x-error-bin")[0].GetString());
    }

    [Fact]
    public async Task Error_after_streamed_replies()
    {
        var result = await RunAsync("errorAfterReplies");

        Assert.Equal(3, result.GetProperty("received").GetInt32());
        Assert.Equal(10, result.GetProperty("code").GetInt32());
        Assert.Equal("late", result.GetProperty("details").GetString());
    }

    [Fact]
    public async Task Handler_exception_is_unknown_without_its_details()
    {
        var result = await RunAsync("handlerException");

        Assert.Equal(2, result.GetProperty("code").GetInt32());
        Assert.DoesNotContain("secret", result.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_exceeded_fails_the_call_and_cancels_the_handler()
    {
        var tag = Guid.NewGuid().ToString("N");

        var result = await RunAsync("deadline", tag);

        Assert.Equal(4, result.GetProperty("code").GetInt32());

        // grpc-js cancels at its own deadline, a moment before ours (which starts when the request arrives).
        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Server.Outcomes.Get(tag)), o => o is "deadline" or "cancelled", "the handler to be cancelled");
    }

    [Fact]
    public async Task Deadline_reaches_the_server()
    {
        var result = await RunAsync("deadlineSeenByServer");

        Assert.InRange(result.GetProperty("deadlineRemainingMs").GetInt64(), 1, 30_000);
    }

    [Fact]
    public async Task Client_cancellation_reaches_the_handler()
    {
        var tag = Guid.NewGuid().ToString("N");

        var result = await RunAsync("cancel", tag);

        Assert.Equal(1, result.GetProperty("code").GetInt32());
        await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Server.Outcomes.Get(tag)), o => o == "cancelled", "the handler to see the cancellation");
    }

    [Fact]
    public async Task Unknown_method_is_unimplemented()
    {
        var result = await RunAsync("unimplemented");

        Assert.Equal(12, result.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Gzip_compressed_requests_are_understood()
    {
        var result = await RunAsync("compressed");

        Assert.Equal(result.GetProperty("sent").GetInt64(), result.GetProperty("receivedPayloadSize").GetInt64());
    }

    [Fact]
    public async Task Oversized_request_is_resource_exhausted()
    {
        var result = await RunAsync("tooLarge");

        Assert.Equal(8, result.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Concurrent_calls_on_one_connection()
    {
        var result = await RunAsync("concurrent");

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"m{i}"), result.GetProperty("messages").EnumerateArray().Select(m => m.GetString()));
    }

    private async Task<JsonElement> RunAsync(string scenario, string tag = "")
    {
        var target = $"{fixture.Server.Address.Host}:{fixture.Server.Address.Port}";
        var (exitCode, stdout, stderr) = await NodeInterop.RunAsync("test-client.js", [NodeInterop.ProtoPath, target, scenario, tag], TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"test-client.js {scenario} exited with {exitCode}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }
}
