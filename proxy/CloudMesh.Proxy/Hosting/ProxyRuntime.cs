using CloudMesh.Proxy.Admin;
using CloudMesh.Proxy.DataPlane;
using CloudMesh.Proxy.Xds;
using CloudMesh.Proxy.Xds.Configuration;
using CloudMesh.Proxy.Xds.Status;

namespace CloudMesh.Proxy.Hosting;

/// <summary>
/// One proxy process: the xDS client feeding the data plane, the admin port, and the life cycle around them (start,
/// run until SIGTERM / SIGINT / <c>POST /quitquitquit</c>, then drain: refuse new connections, let in-flight requests
/// finish within the drain timeout, stop).
/// </summary>
internal sealed class ProxyRuntime : IAsyncDisposable
{
    private readonly ProxySettings _settings;
    private readonly ProxyDataPlane _dataPlane;
    private readonly XdsClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private volatile bool _draining;

    public ProxyRuntime(ProxySettings settings, XdsClientOptions xdsOptions, ILoggerFactory loggers)
    {
        _settings = settings;
        _dataPlane = new ProxyDataPlane(new DataPlaneOptions
        {
            BindAddress = settings.BindAddress,
            ListenerPortMap = new Dictionary<int, int>(settings.ListenerPortMap),
            DrainTimeout = settings.DrainTimeout,
        }, loggers);
        _client = new XdsClient(xdsOptions, _dataPlane, loggers.CreateLogger<XdsClient>());
        NodeId = xdsOptions.Node.Id;
        Stats = new ProxyStats(_dataPlane);
    }

    /// <summary>The xDS node id.</summary>
    public string NodeId { get; }

    /// <summary>Where the proxy is in its life cycle.</summary>
    public ServerState State => _draining ? ServerState.Draining : _client.Status.Ready ? ServerState.Live : ServerState.PreInitializing;

    /// <summary>The configuration in use.</summary>
    public XdsState AcceptedState => _dataPlane.State;

    /// <summary>The xDS client's status.</summary>
    public XdsClientStatus XdsStatus => _client.Status;

    /// <summary>The data plane's counters, rendered for the admin port.</summary>
    public ProxyStats Stats { get; }

    /// <summary>How long the process has run.</summary>
    public TimeSpan Uptime => DateTimeOffset.UtcNow - _started;

    /// <summary>Asks the proxy to drain and stop (SIGTERM, SIGINT, /quitquitquit).</summary>
    public void RequestStop() => _stop.Cancel();

    /// <summary>Runs until a stop is requested, then drains. Returns the process exit code.</summary>
    public async Task<int> RunAsync()
    {
        await _dataPlane.StartAsync(CancellationToken.None).ConfigureAwait(false);
        await using var admin = await AdminServer.StartAsync(_settings, this);
        using var xdsStop = new CancellationTokenSource();
        var xds = _client.RunAsync(xdsStop.Token);
        try
        {
            await Task.WhenAny(xds, Task.Delay(Timeout.Infinite, _stop.Token)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (xds.IsFaulted)
        {
            // The client only ends on its own when its configuration is unusable (e.g. a malformed node id).
            await xds.ConfigureAwait(false);
        }

        _draining = true;
        await _dataPlane.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await xdsStop.CancelAsync().ConfigureAwait(false);
        try
        {
            await xds.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _dataPlane.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
