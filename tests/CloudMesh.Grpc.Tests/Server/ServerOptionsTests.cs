using System.IO.Compression;
using CloudMesh.Grpc.Tests.Protos;
using CloudMesh.Grpc.Tests.Support;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CloudMesh.Grpc.Tests.Server;

/// <summary>GrpcServiceOptions change what the server does: detailed errors, compression, per-service limits.</summary>
public sealed class ServerOptionsTests
{
    [Fact]
    public async Task Handler_exceptions_are_unknown_and_keep_their_details_on_the_server()
    {
        await using var server = await CloudMeshTestServer.StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new TestService.TestServiceClient(channel).UnaryAsync(new TestRequest { ThrowMessage = "secret internal detail" }).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Equal("Exception was thrown by handler.", error.Status.Detail);
    }

    [Fact]
    public async Task Detailed_errors_include_the_exception_when_enabled()
    {
        await using var server = await CloudMeshTestServer.StartAsync(options => options.EnableDetailedErrors = true);
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new TestService.TestServiceClient(channel).UnaryAsync(new TestRequest { ThrowMessage = "visible detail" }).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Contains("InvalidOperationException: visible detail", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_are_compressed_when_configured_and_accepted()
    {
        await using var server = await CloudMeshTestServer.StartAsync(options => options.ResponseCompressionAlgorithm = "gzip");
        using var http = RawGrpc.CreateClient();
        var request = RawGrpc.Frame(new TestRequest { ReplyPayloadSize = 10_000 });

        var accepted = await RawGrpc.SendAsync(http, RawGrpc.Request(server.Address, RawGrpc.TestService + "Unary", request, headers: ("grpc-accept-encoding", "identity,gzip")));
        var notAccepted = await RawGrpc.SendAsync(http, RawGrpc.Request(server.Address, RawGrpc.TestService + "Unary", request));
        using var channel = GrpcChannel.ForAddress(server.Address);
        var reply = await new TestService.TestServiceClient(channel).UnaryAsync(new TestRequest { ReplyPayloadSize = 10_000 });

        Assert.Equal("gzip", accepted.Headers["grpc-encoding"]);
        Assert.Equal(1, accepted.Body[0]);
        Assert.True(accepted.Body.Length < 1_000, $"a compressed reply of zeros should be small, was {accepted.Body.Length} bytes");
        using (var gzip = new GZipStream(new MemoryStream(accepted.Body, 5, accepted.Body.Length - 5), CompressionMode.Decompress))
        {
            Assert.Equal(10_000, TestReply.Parser.ParseFrom(gzip).Payload.Length);
        }

        Assert.False(notAccepted.Headers.ContainsKey("grpc-encoding"));
        Assert.Equal(0, notAccepted.Body[0]);
        Assert.Equal(10_000, reply.Payload.Length);
    }

    [Fact]
    public async Task Handler_can_compress_its_responses_through_response_headers()
    {
        await using var server = await CloudMeshTestServer.StartAsync();
        using var http = RawGrpc.CreateClient();
        var request = RawGrpc.Frame(new TestRequest { EchoMetadata = true, ReplyPayloadSize = 10_000 });

        var response = await RawGrpc.SendAsync(http, RawGrpc.Request(server.Address, RawGrpc.TestService + "Unary", request, headers: ("x-response-encoding", "gzip")));

        Assert.Equal("gzip", response.Headers["grpc-encoding"]);
        Assert.False(response.Headers.ContainsKey("grpc-internal-encoding-request"));
        Assert.Equal(1, response.Body[0]);
        Assert.Equal("0", response.TrailerStatus);
    }

    [Fact]
    public async Task Service_options_override_the_global_ones()
    {
        await using var server = await CloudMeshTestServer.StartAsync(
            options => options.EnableDetailedErrors = true,
            configureServer: grpc => grpc.AddServiceOptions<TestServiceImpl>(options => options.MaxReceiveMessageSize = 1024));
        using var channel = GrpcChannel.ForAddress(server.Address);
        var client = new TestService.TestServiceClient(channel);

        var tooLarge = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new TestRequest { Payload = ByteString.CopyFrom(new byte[2048]) }).ResponseAsync);
        var inheritedDetail = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new TestRequest { ThrowMessage = "inherited" }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, tooLarge.StatusCode);
        Assert.Contains("inherited", inheritedDetail.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mapping_a_service_without_AddGrpc_explains_what_is_missing()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => Microsoft.AspNetCore.Builder.GrpcEndpointRouteBuilderExtensions.MapGrpcService<TestServiceImpl>(app));

        Assert.Contains("AddGrpc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mapping_a_class_that_is_not_a_generated_service_fails_at_startup()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.Services.AddGrpc();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => Microsoft.AspNetCore.Builder.GrpcEndpointRouteBuilderExtensions.MapGrpcService<CallOutcomes>(app));

        Assert.Contains("BindServiceMethod", error.Message, StringComparison.Ordinal);
    }
}
