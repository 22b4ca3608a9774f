using System.Net;
using CloudMesh.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CloudMesh.Proxy.DataPlane.Tests.Support;

/// <summary>
/// A small Kestrel server on a free loopback port standing for an application. By default it answers 200 with its
/// name as the body and echoes what it received in headers (x-backend, x-path, x-host, x-protocol).
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private TestBackend(WebApplication app, string name, int port)
    {
        _app = app;
        Name = name;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <param name="name">Its name (the default body and x-backend).</param>
    /// <param name="handler">What it answers instead of its name.</param>
    /// <param name="protocols">HTTP versions served.</param>
    /// <param name="port">The port; null picks a free one.</param>
    /// <param name="webSockets">Accept WebSocket upgrades.</param>
    /// <param name="certificate">Serve HTTPS with this certificate (ALPN h2 and http/1.1).</param>
    public static async Task<TestBackend> StartAsync(string name, RequestDelegate? handler = null, HttpProtocols protocols = HttpProtocols.Http1AndHttp2, int? port = null, bool webSockets = false, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var chosen = port ?? FreePort.Get();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, chosen, l =>
            {
                l.Protocols = protocols;
                if (certificate is not null)
                {
                    l.UseHttps(certificate);
                }
            });
            k.AllowSynchronousIO = false;
        });
        var app = builder.Build();
        TestBackend? backend = null;
        if (webSockets)
        {
            app.UseWebSockets();
        }

        app.Run(async context =>
        {
            Interlocked.Increment(ref backend!._requests);
            context.Response.Headers["x-backend"] = name;
            context.Response.Headers["x-path"] = context.Request.Path.Value + context.Request.QueryString.Value;
            context.Response.Headers["x-host"] = context.Request.Host.Value;
            context.Response.Headers["x-protocol"] = context.Request.Protocol;
            if (handler is not null)
            {
                await handler(context);
            }
            else
            {
                await context.Response.WriteAsync(name);
            }
        });
        backend = new TestBackend(app, name, chosen);
        await app.StartAsync();
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
