using System.Net;
using System.Security.Cryptography.X509Certificates;
using CloudMesh.Grpc;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Grpc.Tests.Support;

/// <summary>A real Kestrel server on a loopback port serving <see cref="TestServiceImpl"/> through CloudMesh.Grpc.</summary>
public sealed class CloudMeshTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CloudMeshTestServer(WebApplication app, Uri address, Uri? http1Address)
    {
        _app = app;
        Address = address;
        Http1Address = http1Address;
    }

    /// <summary>The gRPC endpoint: h2c, or TLS when a certificate was given.</summary>
    public Uri Address { get; }

    /// <summary>A cleartext HTTP/1.1-only endpoint on the same app, when asked for.</summary>
    public Uri? Http1Address { get; }

    public IServiceProvider Services => _app.Services;

    public CallOutcomes Outcomes => _app.Services.GetRequiredService<CallOutcomes>();

    public static async Task<CloudMeshTestServer> StartAsync(
        Action<GrpcServiceOptions>? configureGrpc = null,
        Action<KestrelServerOptions>? configureKestrel = null,
        X509Certificate2? certificate = null,
        ClientCertificateMode clientCertificateMode = ClientCertificateMode.NoCertificate,
        bool withHttp1Endpoint = false,
        Action<IGrpcServerBuilder>? configureServer = null,
        ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is null)
                {
                    listen.UseGrpcH2c();
                }
                else
                {
                    listen.UseGrpcTls(certificate, https =>
                    {
                        https.ClientCertificateMode = clientCertificateMode;
                        // The tests check what the server reports about the certificate, not a chain of trust.
                        https.ClientCertificateValidation = (_, _, _) => true;
                    });
                }
            });
            if (withHttp1Endpoint)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            }

            configureKestrel?.Invoke(kestrel);
        });
        var grpc = builder.Services.AddGrpc(options => configureGrpc?.Invoke(options));
        configureServer?.Invoke(grpc);
        builder.Services.AddSingleton<CallOutcomes>();

        var app = builder.Build();
        app.MapGrpcService<TestServiceImpl>();
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)))
            .ToList();
        return new CloudMeshTestServer(app, addresses[0], withHttp1Endpoint ? addresses[1] : null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
