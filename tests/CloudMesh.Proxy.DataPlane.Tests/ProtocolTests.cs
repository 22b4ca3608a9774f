using System.Net;
using System.Net.Http.Headers;
using CloudMesh.Proxy.DataPlane.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CloudMesh.Proxy.DataPlane.Tests;

/// <summary>HTTP/1.1, h2c and gRPC (HTTP/2 with trailers) end to end through the proxy.</summary>
public sealed class ProtocolTests
{
    private static HttpRequestMessage H2c(Uri uri, HttpMethod? method = null) => new(method ?? HttpMethod.Get, uri)
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    [Fact]
    public async Task H2c_client_reaches_an_http2_application_over_h2c_and_an_http1_client_too()
    {
        await using var app = await TestBackend.StartAsync("h2-app", protocols: HttpProtocols.Http2);
        var state = new TestMesh().Node("front", app.Port, protocol: "http2").Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        using var h2 = await proxy.Client.SendAsync(H2c(new Uri(proxy.Ingress, "/h2")));
        Assert.Equal(HttpStatusCode.OK, h2.StatusCode);
        Assert.Equal(HttpVersion.Version20, h2.Version);
        Assert.Equal("HTTP/2", h2.Headers.GetValues("x-protocol").Single());

        // An HTTP/1.1 client on the same listener: the proxy still speaks HTTP/2 upstream.
        using var h1 = await proxy.GetAsync(proxy.Ingress, "/h1");
        Assert.Equal(HttpStatusCode.OK, h1.StatusCode);
        Assert.Equal(HttpVersion.Version11, h1.Version);
        Assert.Equal("HTTP/2", h1.Headers.GetValues("x-protocol").Single());
    }

    [Fact]
    public async Task Grpc_call_keeps_its_messages_and_trailers()
    {
        await using var app = await TestBackend.StartAsync("grpc-app", async context =>
        {
            // Echo the request message back, then end with gRPC trailers.
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(body.ToArray());
            context.Response.AppendTrailer("grpc-status", "0");
            context.Response.AppendTrailer("x-trailer", "kept");
        }, HttpProtocols.Http2);
        var state = new TestMesh().Node("front", app.Port, protocol: "grpc").Compile("front");
        await using var proxy = await TestProxy.StartAsync();
        await proxy.ApplyAsync(state);

        byte[] message = [0, 0, 0, 0, 3, 1, 2, 3];
        var request = H2c(new Uri(proxy.Ingress, "/demo.Echo/Say"), HttpMethod.Post);
        request.Content = new ByteArrayContent(message);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await proxy.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var received = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, received);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
        Assert.Equal("kept", response.TrailingHeaders.GetValues("x-trailer").Single());
    }
}
