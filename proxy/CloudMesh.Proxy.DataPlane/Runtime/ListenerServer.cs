using System.Net;
using CloudMesh.Proxy.DataPlane.Tls;
using CloudMesh.Proxy.DataPlane.Translation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>
/// One xDS listener as a small Kestrel server of its own (so ports come and go at run time). Every accepted
/// connection first goes through <see cref="DispatchAsync"/>: the filter chain is chosen (original destination, then
/// TLS or cleartext from the first byte, then sniffed protocol); a TLS chain's handshake runs
/// (<see cref="DownstreamTlsHandshake"/>) and the rest sees the decrypted stream; TCP chains are pumped right there,
/// HTTP chains continue into Kestrel's HTTP/1.1 + HTTP/2 pipeline and <see cref="HttpProxyHandler"/>.
/// </summary>
internal sealed partial class ListenerServer : IAsyncDisposable
{
    private readonly HttpProxyHandler _http;
    private readonly TcpProxyHandler _tcp;
    private readonly DataPlaneOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TlsMaterialCache _tls;
    private readonly ILogger _logger;
    private volatile ListenerPlan _plan;
    private WebApplication? _app;

    public ListenerServer(ListenerPlan plan, IPEndPoint bind, TimeSpan keepAlive, HttpProxyHandler http, TcpProxyHandler tcp, DataPlaneOptions options, ILoggerFactory loggerFactory, TlsMaterialCache tls)
    {
        _tls = tls;
        _logger = loggerFactory.CreateLogger<ListenerServer>();
        _plan = plan;
        Bind = bind;
        KeepAlive = keepAlive;
        _http = http;
        _tcp = tcp;
        _options = options;
        _loggerFactory = loggerFactory;
    }

    public ListenerPlan Plan
    {
        get => _plan;
        set => _plan = value;
    }

    public IPEndPoint Bind { get; }

    /// <summary>Downstream TLS handshakes and verification failures on this listener.</summary>
    public TlsCounters Tls { get; } = new();

    /// <summary>Kestrel's keep-alive timeout: the HTTP connection manager's idle timeout.</summary>
    public TimeSpan KeepAlive { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(_loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Absolute-form targets (HTTP_PROXY clients) name the authority; it wins over a differing Host.
            kestrel.AllowHostHeaderOverride = true;

            // h2c connections are marked as if ALPN had said h2 (see H2cPriorKnowledge); their :scheme stays http.
            kestrel.AllowAlternateSchemes = true;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.KeepAliveTimeout = KeepAlive;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            kestrel.Listen(Bind, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.Use(next => connection => DispatchAsync(connection, next));
            });
        });
        var app = builder.Build();
        app.Run(_http.HandleAsync);
        await app.StartAsync(cancellationToken);
        _app = app;
    }

    /// <summary>Stops accepting, lets in-flight requests and connections finish for up to <paramref name="drain"/>, then closes the rest.</summary>
    public async Task StopAsync(TimeSpan drain)
    {
        if (_app is not { } app)
        {
            return;
        }

        _app = null;
        using var timeout = new CancellationTokenSource(drain);
        try
        {
            await app.StopAsync(timeout.Token);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.Zero);

    private async Task DispatchAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var plan = _plan;
        var original = OriginalDestination.Of(connection.Features.Get<IConnectionSocketFeature>()?.Socket);
        var candidates = FilterChainSelector.Candidates(plan, original?.Port);
        string? transport = null;
        if (FilterChainSelector.NeedsTransport(candidates))
        {
            transport = await TransportSniffer.SniffAsync(connection.Transport.Input, _options.ProtocolSniffTimeout, connection.ConnectionClosed);
            candidates = FilterChainSelector.ByTransport(candidates, transport);
        }

        string? protocol = null;
        if (transport != TransportSniffer.Tls && FilterChainSelector.NeedsProtocol(candidates))
        {
            protocol = await ProtocolSniffer.SniffAsync(connection.Transport.Input, _options.ProtocolSniffTimeout, connection.ConnectionClosed);
        }

        var chain = FilterChainSelector.Select(plan, candidates, protocol);
        if (chain is null)
        {
            // No chain matches: Envoy closes the connection.
            return;
        }

        TlsSession? session = null;
        if (chain.Tls is { } tls)
        {
            session = await DownstreamTlsHandshake.AuthenticateAsync(connection, tls, chain.Http is not null, _tls, Tls,
                reason => Log.HandshakeFailed(_logger, plan.Name, chain.Name, connection.RemoteEndPoint, reason));
            if (session is null)
            {
                return;
            }
        }

        try
        {
            if (chain.Tcp is { } tcp)
            {
                await _tcp.HandleAsync(connection, tcp, original);
                return;
            }

            if (session is not null)
            {
                // No ALPN agreed: a client with HTTP/2 prior knowledge (Envoy offers no ALPN unless told) opens with the preface.
                if (session.Stream.NegotiatedApplicationProtocol.Protocol.IsEmpty
                    && await ProtocolSniffer.SniffAsync(connection.Transport.Input, _options.ProtocolSniffTimeout, connection.ConnectionClosed) == "h2c")
                {
                    session.Feature.ApplicationProtocol = "h2"u8.ToArray();
                }
            }
            else
            {
                protocol ??= await ProtocolSniffer.SniffAsync(connection.Transport.Input, _options.ProtocolSniffTimeout, connection.ConnectionClosed);
                if (protocol == "h2c")
                {
                    H2cPriorKnowledge.Enable(connection);
                }
            }

            connection.Items[ConnectionRoute.ItemKey] = new ConnectionRoute(plan.Name, chain, original);
            await next(connection);
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 310, Level = LogLevel.Debug, Message = "Listener {Listener}, chain {Chain}: TLS handshake with {Remote} failed: {Reason}")]
        public static partial void HandshakeFailed(ILogger logger, string listener, string chain, EndPoint? remote, string reason);
    }
}
