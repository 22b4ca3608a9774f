using System.Net;
using CloudMesh.Proxy.DataPlane.Runtime;
using CloudMesh.Proxy.DataPlane.Translation;
using CloudMesh.Proxy.Xds;
using Envoy.Config.Cluster.V3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Yarp.ReverseProxy.Forwarder;

namespace CloudMesh.Proxy.DataPlane;

/// <summary>
/// CloudMesh's data plane: takes xDS states from the xDS client (<see cref="IXdsStateHandler"/>), translates each into
/// an immutable plan (rejecting what it cannot honour), and runs it: a Kestrel server per listener, Envoy-style
/// routing, YARP forwarding per cluster, TCP proxying. Applying is atomic for requests: each request sees one
/// configuration, and connections and requests in flight finish on the one they started with.
/// </summary>
/// <remarks>
/// <see cref="ApplyAsync"/> is called by one caller at a time (the xDS client's contract); <see cref="Snapshot"/> may
/// be called from any thread.
/// </remarks>
public sealed partial class ProxyDataPlane : IXdsStateHandler, IAsyncDisposable
{
    private readonly DataPlaneOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ServiceProvider _services;
    private readonly RuntimeHolder _runtime = new();
    private readonly AccessLogWriter _accessLogs;
    private readonly HttpProxyHandler _http;
    private readonly TcpProxyHandler _tcp;
    private readonly Tls.TlsMaterialCache _tlsMaterial;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ListenerServer> _servers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<Task> _retiring = [];
    private volatile XdsState _state = XdsState.Empty;
    private volatile string? _lastRejection;
    private bool _started;

    /// <summary>Creates a data plane that binds nothing until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Port map, bind address, drain timeout and buffer limits.</param>
    /// <param name="loggerFactory">Where to log; nothing is logged when null.</param>
    public ProxyDataPlane(DataPlaneOptions options, ILoggerFactory? loggerFactory = null)
    {
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<ProxyDataPlane>();
        _services = new ServiceCollection()
            .AddSingleton(_loggerFactory)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddHttpForwarder()
            .BuildServiceProvider();
        _accessLogs = new AccessLogWriter(_logger);
        _tlsMaterial = new Tls.TlsMaterialCache(_loggerFactory.CreateLogger<Tls.TlsMaterialCache>());
        _http = new HttpProxyHandler(_runtime, _services.GetRequiredService<IHttpForwarder>(), _accessLogs, options);
        _tcp = new TcpProxyHandler(_runtime, _accessLogs);
    }

    /// <summary>The last accepted xDS state.</summary>
    public XdsState State => _state;

    /// <summary>Binds the listeners of the current state (and of every state accepted from now on).</summary>
    /// <param name="cancellationToken">Cancels binding.</param>
    /// <returns>Completes when the listeners are bound; listener bind failures are logged and retried on the next state.</returns>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _started = true;
            await ReconcileListenersAsync(_runtime.Current.Plan, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Drains: every listener stops accepting, requests and connections in flight get up to
    /// <see cref="DataPlaneOptions.DrainTimeout"/> to finish, then everything is closed.
    /// </summary>
    /// <param name="cancellationToken">Not used to cut the drain short; the drain timeout bounds it.</param>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _started = false;
            await Task.WhenAll(_servers.Values.Select(s => s.StopAsync(_options.DrainTimeout)));
            _servers.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<XdsApplyResult> ApplyAsync(XdsState candidate, string typeUrl, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var previous = _runtime.Current;
            DataPlanePlan plan;
            try
            {
                plan = PlanTranslator.Translate(candidate, previous.Plan, _tlsMaterial);
            }
            catch (PlanRejection rejection)
            {
                _lastRejection = rejection.Message;
                Log.Rejected(_logger, typeUrl, rejection.Message);
                return XdsApplyResult.Rejected(rejection.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A state the translator did not foresee is still the control plane's to fix: NACK it, keep serving.
                var detail = $"cannot apply the state: {e.GetType().Name}: {e.Message}";
                _lastRejection = detail;
                Log.Rejected(_logger, typeUrl, detail);
                return XdsApplyResult.Rejected(detail);
            }

            var clusters = ReconcileClusters(candidate, plan, previous);

            // As Envoy warms a DNS cluster until its first resolution, give new DNS clusters a moment before traffic.
            await WarmUpAsync(clusters.Values.Where(c => !previous.Clusters.ContainsKey(c.Name) || !ReferenceEquals(previous.Clusters[c.Name], c)), cancellationToken);
            _runtime.Current = new RuntimeState(plan, clusters);
            _state = candidate;
            if (_started)
            {
                var failures = await ReconcileListenersAsync(plan, cancellationToken);
                if (failures.Count > 0)
                {
                    // As Envoy: the rest of the update stands, the listeners that could not bind are reported.
                    var detail = string.Join("; ", failures);
                    _lastRejection = detail;
                    return XdsApplyResult.Rejected(detail);
                }
            }

            return XdsApplyResult.Accepted;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The listeners, clusters and counters now; safe to call from any thread.</summary>
    public DataPlaneSnapshot Snapshot() => SnapshotBuilder.Build(_state, _runtime, BoundEndpoints(), _lastRejection);

    /// <summary>The certificates (and trust bundles) each TLS context of the running configuration uses now; safe to call from any thread.</summary>
    public IReadOnlyList<TlsContextCertificates> Certificates() => Tls.CertificateReporter.Report(_runtime.Current.Plan, _tlsMaterial);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        foreach (var cluster in _runtime.Current.Clusters.Values)
        {
            await cluster.DisposeAsync();
        }

        Task[] retiring;
        lock (_retiring)
        {
            retiring = [.. _retiring];
        }

        await Task.WhenAll(retiring);
        await _accessLogs.DisposeAsync();
        await _services.DisposeAsync();
        _gate.Dispose();
    }

    private Dictionary<string, (string, Tls.TlsCounters)> BoundEndpoints()
    {
        var bound = new Dictionary<string, (string, Tls.TlsCounters)>(StringComparer.Ordinal);
        foreach (var (name, server) in _servers.ToArray())
        {
            bound[name] = (server.Bind.ToString(), server.Tls);
        }

        return bound;
    }

    /// <summary>
    /// Unchanged clusters keep their runtime (connections, host state, counters); an EDS-only change updates hosts in
    /// place; a changed definition gets a new runtime, and the old one is disposed once requests on it had time to end.
    /// </summary>
    private Dictionary<string, ClusterRuntime> ReconcileClusters(XdsState state, DataPlanePlan plan, RuntimeState previous)
    {
        var result = new Dictionary<string, ClusterRuntime>(StringComparer.Ordinal);
        foreach (var (name, clusterPlan) in plan.Clusters)
        {
            var source = state.Clusters[name];
            state.ClusterLoadAssignments.TryGetValue(name, out var assignment);
            if (previous.Clusters.TryGetValue(name, out var old) && old.Source.Equals(source))
            {
                if (!Equals(old.Assignment, assignment))
                {
                    old.UpdateAssignment(assignment, clusterPlan);
                }

                result[name] = old;
                continue;
            }

            var runtime = new ClusterRuntime(source, assignment, clusterPlan, TimeProvider.System, _loggerFactory.CreateLogger<ClusterRuntime>(), _tlsMaterial);
            runtime.Start();
            result[name] = runtime;
        }

        foreach (var (name, old) in previous.Clusters)
        {
            if (!result.TryGetValue(name, out var current) || !ReferenceEquals(current, old))
            {
                Retire(old);
            }
        }

        return result;
    }

    private static async Task WarmUpAsync(IEnumerable<ClusterRuntime> fresh, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(fresh.Select(c => c.FirstResolution)).WaitAsync(ClusterWarmUpLimit, cancellationToken);
        }
        catch (TimeoutException)
        {
            // A slow resolver must not hold the whole update: those clusters answer 503 until resolved.
        }
    }

    /// <summary>The longest an update waits for new DNS clusters' first resolution.</summary>
    private static readonly TimeSpan ClusterWarmUpLimit = TimeSpan.FromSeconds(5);

    private void Retire(ClusterRuntime cluster)
    {
        var task = Task.Run(async () =>
        {
            await Task.Delay(_options.DrainTimeout + TimeSpan.FromSeconds(5));
            await cluster.DisposeAsync();
        });
        lock (_retiring)
        {
            _retiring.RemoveAll(t => t.IsCompleted);
            _retiring.Add(task);
        }
    }

    private async Task<List<string>> ReconcileListenersAsync(DataPlanePlan plan, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var (name, server) in _servers.ToArray())
        {
            if (!plan.Listeners.TryGetValue(name, out var listener) || !SameBinding(server, listener))
            {
                _servers.TryRemove(name, out _);
                await server.StopAsync(_options.DrainTimeout);
            }
        }

        foreach (var (name, listener) in plan.Listeners)
        {
            if (_servers.TryGetValue(name, out var running))
            {
                running.Plan = listener;
                continue;
            }

            var server = new ListenerServer(listener, BindEndpoint(listener), KeepAlive(listener), _http, _tcp, _options, _loggerFactory, _tlsMaterial);
            try
            {
                await server.StartAsync(cancellationToken);
                _servers[name] = server;
                Log.Bound(_logger, name, server.Bind);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                failures.Add($"listener {name}: cannot bind {server.Bind}: {e.Message}");
                await server.DisposeAsync();
            }
        }

        return failures;
    }

    private bool SameBinding(ListenerServer server, ListenerPlan listener) =>
        server.Bind.Equals(BindEndpoint(listener)) && server.KeepAlive == KeepAlive(listener);

    private IPEndPoint BindEndpoint(ListenerPlan listener)
    {
        var port = _options.ListenerPortMap.TryGetValue(listener.Port, out var mapped) ? mapped : listener.Port;
        var address = _options.BindAddress ?? (IPAddress.TryParse(listener.Address, out var parsed) ? parsed : IPAddress.Any);
        return new IPEndPoint(address, port);
    }

    /// <summary>The HTTP connection manager's idle timeout (Envoy's default: one hour) becomes Kestrel's keep-alive timeout.</summary>
    private static TimeSpan KeepAlive(ListenerPlan listener)
    {
        var idle = listener.Chains.Append(listener.DefaultChain).Select(c => c?.Http?.IdleTimeout).FirstOrDefault(t => t is not null);
        return idle is { } value && value > TimeSpan.Zero ? value : TimeSpan.FromHours(1);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Rejected xDS state ({TypeUrl}): {Detail}")]
        public static partial void Rejected(ILogger logger, string typeUrl, string detail);

        [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Listener {Listener} bound on {Endpoint}")]
        public static partial void Bound(ILogger logger, string listener, IPEndPoint endpoint);
    }
}
