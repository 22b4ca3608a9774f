using CloudMesh.Grpc.Tests.Protos;
using CloudMesh.Grpc.Tests.Support;
using CloudMesh.TestSupport;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace CloudMesh.Grpc.Tests.Client;

/// <summary>Client and server over TLS (ALPN h2) with certificates generated here; client certificates become the AuthContext.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _serverCertificate = TestCertificates.Server();

    public void Dispose() => _serverCertificate.Dispose();

    [Fact]
    public async Task Unary_and_bidirectional_calls_work_over_tls()
    {
        await using var server = await CloudMeshTestServer.StartAsync(certificate: _serverCertificate);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = TestCertificates.HandlerTrusting(_serverCertificate), DisposeHttpClient = true });
        var client = new TestService.TestServiceClient(channel);

        var reply = await client.UnaryAsync(new TestRequest { Message = "secure" });
        using var bidi = client.Bidi();
        await bidi.RequestStream.WriteAsync(new TestRequest { Message = "over tls" });
        Assert.True(await bidi.ResponseStream.MoveNext(CancellationToken.None));
        await bidi.RequestStream.CompleteAsync();
        Assert.False(await bidi.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal("https", server.Address.Scheme);
        Assert.Equal("secure", reply.Message);
        Assert.Equal("HTTP/2", reply.HttpProtocol);
        Assert.Equal("ssl", reply.TransportSecurity);
        Assert.Equal("", reply.PeerIdentity);
        Assert.Equal("over tls", bidi.ResponseStream.Current.Message);
    }

    [Fact]
    public async Task Client_certificate_identifies_the_peer()
    {
        using var clientCertificate = TestCertificates.Client("proxy-1.mesh.local");
        await using var server = await CloudMeshTestServer.StartAsync(certificate: _serverCertificate, clientCertificateMode: ClientCertificateMode.RequireCertificate);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions
        {
            HttpHandler = TestCertificates.HandlerTrusting(_serverCertificate, clientCertificate),
            DisposeHttpClient = true,
        });

        var reply = await new TestService.TestServiceClient(channel).UnaryAsync(new TestRequest());

        Assert.Equal("proxy-1.mesh.local", reply.PeerIdentity);
    }

    [Fact]
    public async Task Untrusted_server_certificate_fails_the_call_as_unavailable()
    {
        await using var server = await CloudMeshTestServer.StartAsync(certificate: _serverCertificate);
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => new TestService.TestServiceClient(channel).UnaryAsync(new TestRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Call_credentials_add_metadata_over_tls()
    {
        await using var server = await CloudMeshTestServer.StartAsync(certificate: _serverCertificate);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = TestCertificates.HandlerTrusting(_serverCertificate), DisposeHttpClient = true });
        AuthInterceptorContext? seen = null;
        var credentials = CallCredentials.Compose(
            CallCredentials.FromInterceptor((context, metadata) =>
            {
                seen = context;
                metadata.Add("x-echo-token", "t0ken");
                return Task.CompletedTask;
            }),
            CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("x-echo-signature-bin", [1, 2, 3]);
                return Task.CompletedTask;
            }));

        using var call = new TestService.TestServiceClient(channel).UnaryAsync(new TestRequest { EchoMetadata = true }, new CallOptions(credentials: credentials));
        var headers = await call.ResponseHeadersAsync;
        await call;

        Assert.Equal("t0ken", headers.GetValue("x-echo-token"));
        Assert.Equal([1, 2, 3], headers.GetValueBytes("x-echo-signature-bin"));
        Assert.Equal($"https://127.0.0.1:{server.Address.Port}/cloudmesh.grpc.test.TestService", seen!.ServiceUrl);
        Assert.Equal("Unary", seen.MethodName);
    }

    [Fact]
    public async Task Call_credentials_stay_off_cleartext_channels_unless_allowed()
    {
        await using var server = await CloudMeshTestServer.StartAsync();
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("x-echo-token", "t0ken");
            return Task.CompletedTask;
        });
        using var guarded = GrpcChannel.ForAddress(server.Address);
        using var allowed = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { UnsafeUseInsecureChannelCallCredentials = true });

        using var guardedCall = new TestService.TestServiceClient(guarded).UnaryAsync(new TestRequest { EchoMetadata = true }, new CallOptions(credentials: credentials));
        using var allowedCall = new TestService.TestServiceClient(allowed).UnaryAsync(new TestRequest { EchoMetadata = true }, new CallOptions(credentials: credentials));

        Assert.Null((await guardedCall.ResponseHeadersAsync).Get("x-echo-token"));
        Assert.Equal("t0ken", (await allowedCall.ResponseHeadersAsync).GetValue("x-echo-token"));
    }

    [Fact]
    public async Task Failing_call_credentials_fail_the_call_with_their_status()
    {
        await using var server = await CloudMeshTestServer.StartAsync(certificate: _serverCertificate);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = TestCertificates.HandlerTrusting(_serverCertificate), DisposeHttpClient = true });
        var credentials = CallCredentials.FromInterceptor((_, _) => throw new RpcException(new Status(StatusCode.Unauthenticated, "no token")));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new TestService.TestServiceClient(channel).UnaryAsync(new TestRequest(), new CallOptions(credentials: credentials)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("no token", error.Status.Detail);
    }
}
