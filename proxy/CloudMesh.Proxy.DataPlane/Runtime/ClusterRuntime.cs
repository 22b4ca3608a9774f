using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CloudMesh.Proxy.DataPlane.Tls;
using CloudMesh.Proxy.DataPlane.Translation;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>
/// A cluster at run time: its HTTP client (one connection pool), its endpoints (resolved in the background for DNS
/// clusters), round-robin or random selection with outlier ejection and active health, circuit breakers and counters.
/// Replaced as a whole when its CDS resource changes; EDS changes update the endpoints in place.
/// </summary>
internal sealed partial class ClusterRuntime : IAsyncDisposable
{
    /// <summary>Envoy's default healthy panic threshold: below 50% available hosts, balance over all of them.</summary>
    private const int PanicThresholdPercent = 50;

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<IPEndPoint, UpstreamEndpoint> _originalDestinations = new();
    private volatile UpstreamEndpoint[] _endpoints = [];
    private int _next;
    private int _pendingConnects;

    private readonly TlsMaterialCache _tls;

    /// <summary>The SNI when the cluster's TLS names none: the one DNS name a DNS cluster resolves, else none.</summary>
    private readonly string? _dnsName;

    public ClusterRuntime(Cluster source, ClusterLoadAssignment? assignment, ClusterPlan plan, TimeProvider time, ILogger logger, TlsMaterialCache tls)
    {
        _tls = tls;
        var names = plan.Endpoints.Select(e => e.Host).Where(h => !IPAddress.TryParse(h, out _)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        _dnsName = plan.Kind is ClusterKind.StrictDns or ClusterKind.LogicalDns && names.Count == 1 ? names[0] : null;
        Source = source;
        Assignment = assignment;
        Plan = plan;
        _time = time;
        _logger = logger;
        Invoker = new HttpMessageInvoker(CreateHandler(plan), disposeHandler: true);
        if (plan.Kind is ClusterKind.Static or ClusterKind.Eds)
        {
            SetEndpoints(plan.Endpoints.Select(e => (new IPEndPoint(IPAddress.Parse(e.Host), e.Port), e.Weight)));
        }
    }

    public Cluster Source { get; }

    public ClusterLoadAssignment? Assignment { get; private set; }

    public ClusterPlan Plan { get; private set; }

    public string Name => Plan.Name;

    public ClusterCounters Counters { get; } = new();

    public HttpMessageInvoker Invoker { get; }

    /// <summary>The HTTP version spoken upstream: 2 (prior knowledge) for http2/grpc clusters, else 1.1.</summary>
    public Version HttpVersion => Plan.Http2 ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11;

    /// <summary>The forwarder settings for this cluster's version, with Envoy's 5 minute stream idle timeout.</summary>
    public Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig DefaultRequestConfig => _requestConfig ??= new()
    {
        ActivityTimeout = TimeSpan.FromMinutes(5),
        Version = HttpVersion,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig? _requestConfig;

    public IReadOnlyList<UpstreamEndpoint> Endpoints => _endpoints;

    /// <summary>Completes once the first DNS resolution was attempted (at once for other cluster types).</summary>
    public Task FirstResolution => _firstResolution.Task;

    private readonly TaskCompletionSource _firstResolution = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts DNS resolution and active health checking, as the plan says.</summary>
    public void Start()
    {
        if (Plan.Kind is ClusterKind.StrictDns or ClusterKind.LogicalDns)
        {
            _ = ResolveLoopAsync(_stopping.Token);
        }
        else
        {
            _firstResolution.TrySetResult();
        }

        if (Plan.HealthCheck is not null)
        {
            _ = HealthCheckLoopAsync(_stopping.Token);
        }
    }

    /// <summary>An EDS update: new endpoints for the same cluster definition.</summary>
    public void UpdateAssignment(ClusterLoadAssignment? assignment, ClusterPlan plan)
    {
        Assignment = assignment;
        Plan = plan;
        SetEndpoints(plan.Endpoints.Select(e => (new IPEndPoint(IPAddress.Parse(e.Host), e.Port), e.Weight)));
    }

    /// <summary>
    /// The next endpoint: round robin (or random) over hosts that are healthy and not ejected, or over all hosts
    /// when fewer than half are available (Envoy's panic mode). Null when the cluster has no host.
    /// </summary>
    /// <param name="originalDestination">For ORIGINAL_DST clusters, where the connection was going.</param>
    public UpstreamEndpoint? Pick(IPEndPoint? originalDestination = null)
    {
        if (Plan.Kind == ClusterKind.OriginalDestination)
        {
            return originalDestination is null ? null : _originalDestinations.GetOrAdd(originalDestination, a => new UpstreamEndpoint(a, 1));
        }

        var all = _endpoints;
        if (all.Length == 0)
        {
            return null;
        }

        var now = _time.GetUtcNow().UtcTicks;
        Span<int> available = all.Length <= 64 ? stackalloc int[all.Length] : new int[all.Length];
        var count = 0;
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].Healthy && !all[i].IsEjected(now))
            {
                available[count++] = i;
            }
        }

        var draw = Plan.RandomBalancing ? Random.Shared.Next() : Interlocked.Increment(ref _next) & int.MaxValue;
        if (count * 100 < all.Length * PanicThresholdPercent)
        {
            return all[draw % all.Length];
        }

        return all[available[draw % count]];
    }

    /// <summary>
    /// Counts an upstream answer for outlier detection (consecutive 5xx, connect failures included) and ejects the
    /// host when its streak reaches the threshold, unless max_ejection_percent of the hosts are ejected already.
    /// </summary>
    public void Report(UpstreamEndpoint endpoint, bool serverError)
    {
        if (Plan.Outlier is not { } outlier || Plan.Kind == ClusterKind.OriginalDestination)
        {
            return;
        }

        if (!endpoint.Record(serverError, outlier.Consecutive5xx))
        {
            return;
        }

        var all = _endpoints;
        var now = _time.GetUtcNow().UtcTicks;
        var ejected = all.Count(e => e.IsEjected(now));

        // Envoy always allows ejecting one host, however low the percentage.
        if (ejected > 0 && (ejected + 1) * 100 > all.Length * outlier.MaxEjectionPercent)
        {
            return;
        }

        endpoint.Eject(now, outlier.BaseEjectionTime);
        Interlocked.Increment(ref Counters.Ejections);
        Log.Ejected(_logger, Name, endpoint.Address);
    }

    /// <summary>
    /// Admits a request under max_requests, and for HTTP/1.1 clusters (one request per connection) under
    /// max_connections + max_pending_requests; false means overflow (answered 503 and counted).
    /// </summary>
    public bool TryEnterRequest()
    {
        var breakers = Plan.CircuitBreakers;
        var limit = Plan.Http2 ? breakers.MaxRequests : (int)Math.Min(breakers.MaxRequests, (long)breakers.MaxConnections + breakers.MaxPendingRequests);
        if (Interlocked.Increment(ref Counters.ActiveRequests) > limit)
        {
            Interlocked.Decrement(ref Counters.ActiveRequests);
            Interlocked.Increment(ref Counters.Overflow);
            return false;
        }

        return true;
    }

    public void ExitRequest() => Interlocked.Decrement(ref Counters.ActiveRequests);

    /// <summary>Admits a retry under max_retries (concurrent retries in flight).</summary>
    public bool TryEnterRetry()
    {
        if (Interlocked.Increment(ref _retriesInFlight) > Plan.CircuitBreakers.MaxRetries)
        {
            Interlocked.Decrement(ref _retriesInFlight);
            Interlocked.Increment(ref Counters.Overflow);
            return false;
        }

        return true;
    }

    public void ExitRetry() => Interlocked.Decrement(ref _retriesInFlight);

    private int _retriesInFlight;

    public async ValueTask DisposeAsync()
    {
        _firstResolution.TrySetResult();
        await _stopping.CancelAsync();
        Invoker.Dispose();
        _stopping.Dispose();
    }

    private void SetEndpoints(IEnumerable<(IPEndPoint Address, uint Weight)> addresses)
    {
        var previous = _endpoints.ToDictionary(e => e.Address);
        var next = new List<UpstreamEndpoint>();
        var seen = new HashSet<IPEndPoint>();
        foreach (var (address, weight) in addresses)
        {
            if (!seen.Add(address))
            {
                continue;
            }

            // Keep a host's state (health, ejection) across updates; weighted round robin by repetition.
            var endpoint = previous.TryGetValue(address, out var old) && old.Weight == weight ? old : new UpstreamEndpoint(address, weight);
            next.Add(endpoint);
        }

        _endpoints = Expand(next);
    }

    private static UpstreamEndpoint[] Expand(List<UpstreamEndpoint> endpoints)
    {
        if (endpoints.All(e => e.Weight == 1) || endpoints.Sum(e => (long)e.Weight) > 10_000)
        {
            return endpoints.ToArray();
        }

        return endpoints.SelectMany(e => Enumerable.Repeat(e, (int)e.Weight)).ToArray();
    }

    private async Task ResolveLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var resolved = new List<(IPEndPoint, uint)>();
                foreach (var endpoint in Plan.Endpoints)
                {
                    var addresses = await Resolve(endpoint.Host, cancellationToken);
                    if (Plan.Kind == ClusterKind.LogicalDns)
                    {
                        addresses = addresses.Take(1).ToArray();
                    }

                    resolved.AddRange(addresses.Select(a => (new IPEndPoint(a, endpoint.Port), endpoint.Weight)));
                }

                SetEndpoints(resolved);
                _firstResolution.TrySetResult();
            }
            catch (Exception e) when (e is SocketException or ArgumentException)
            {
                // Keep the last good answer, as Envoy does when a refresh fails.
                Log.ResolveFailed(_logger, Name, e.Message);
                _firstResolution.TrySetResult();
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(Plan.DnsRefreshRate, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<IPAddress[]> Resolve(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        var v4 = addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToArray();
        var v6 = addresses.Where(a => a.AddressFamily == AddressFamily.InterNetworkV6).ToArray();
        return Plan.DnsFamily switch
        {
            Cluster.Types.DnsLookupFamily.V4Only => v4,
            Cluster.Types.DnsLookupFamily.V6Only => v6,
            Cluster.Types.DnsLookupFamily.V4Preferred => v4.Length > 0 ? v4 : v6,
            Cluster.Types.DnsLookupFamily.All => [.. v4, .. v6],
            _ => v6.Length > 0 ? v6 : v4,
        };
    }

    private SocketsHttpHandler CreateHandler(ClusterPlan plan) => new()
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = plan.ConnectTimeout,
        EnableMultipleHttp2Connections = true,
        MaxConnectionsPerServer = plan.CircuitBreakers.MaxConnections,
        ActivityHeadersPropagator = null,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectCallback = ConnectAsync,
    };

    /// <summary>Opens an upstream connection, counting it (active and total) and the attempts waiting for one (pending).</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Interlocked.Increment(ref _pendingConnects);
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            Interlocked.Increment(ref Counters.ConnectFailures);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _pendingConnects);
        }

        Interlocked.Increment(ref Counters.ConnectionsTotal);
        Interlocked.Increment(ref Counters.ConnectionsActive);
        Stream stream = new CountedNetworkStream(socket, Counters);
        try
        {
            return await SecureAsync(stream, Plan.Http2, cancellationToken);
        }
        catch
        {
            Interlocked.Increment(ref Counters.ConnectFailures);
            throw;
        }
    }

    /// <summary>
    /// The cluster's TLS over a connected upstream stream (the stream itself for a cleartext cluster); the result owns
    /// <paramref name="stream"/>, which is disposed when the handshake fails.
    /// </summary>
    /// <param name="stream">The connected stream.</param>
    /// <param name="http2">For HTTP traffic, whether HTTP/2 is spoken (the ALPN offered); null for TCP.</param>
    /// <param name="cancellationToken">Cancels the handshake.</param>
    public async ValueTask<Stream> SecureAsync(Stream stream, bool? http2, CancellationToken cancellationToken)
    {
        if (Plan.Tls is not { } tls)
        {
            return stream;
        }

        return await UpstreamTlsConnector.AuthenticateAsync(stream, tls, _dnsName, http2, _tls, Counters.Tls, cancellationToken);
    }

    /// <summary>A network stream that decrements the cluster's active connection count once, when closed.</summary>
    private sealed class CountedNetworkStream(Socket socket, ClusterCounters counters) : NetworkStream(socket, ownsSocket: true)
    {
        private int _closed;

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                Interlocked.Decrement(ref counters.ConnectionsActive);
            }

            base.Dispose(disposing);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Cluster {Cluster}: ejected {Endpoint} (consecutive 5xx)")]
        public static partial void Ejected(ILogger logger, string cluster, IPEndPoint endpoint);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Cluster {Cluster}: DNS resolution failed: {Reason}")]
        public static partial void ResolveFailed(ILogger logger, string cluster, string reason);
    }
}
