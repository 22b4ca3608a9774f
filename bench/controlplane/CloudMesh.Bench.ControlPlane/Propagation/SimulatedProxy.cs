using System.Diagnostics;
using Envoy.Config.Core.V3;
using Envoy.Service.Discovery.V3;
using Grpc.Core;
using Grpc.Net.Client;

namespace CloudMesh.Bench.ControlPlane.Propagation;

/// <summary>
/// One simulated Envoy: a state-of-the-world ADS stream on its own HTTP/2 connection (as every real sidecar has its
/// own), wildcard CDS and LDS, named RDS and EDS subscriptions derived from what it received (as Envoy does), every
/// response ACKed the moment it arrives. It records when its configuration first carries the armed marker: the
/// moment its latest CDS and RDS responses both contain it.
/// </summary>
internal sealed class SimulatedProxy : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<DiscoveryRequest, DiscoveryResponse> _call;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DiscoveryResponse> _lastByType = new(StringComparer.Ordinal);
    private Task _reader = Task.CompletedTask;
    private DiscoveryResponse? _clusters;
    private DiscoveryResponse? _routes;
    private byte[] _marker = [];
    private long _convergedAt;
    private string[] _endpointNames = [];
    private string[] _routeNames = [];
    private long _responses;

    private SimulatedProxy(Uri xds, string nodeId, string token)
    {
        NodeId = nodeId;
        _channel = GrpcChannel.ForAddress(xds);
        var client = new AggregatedDiscoveryService.AggregatedDiscoveryServiceClient(_channel);
        _call = client.StreamAggregatedResources(new global::Grpc.Core.Metadata { { "authorization", "Bearer " + token } }, cancellationToken: _stop.Token);
    }

    /// <summary>The xDS node id (<c>mesh/&lt;m&gt;/virtualNode/&lt;n&gt;</c>).</summary>
    public string NodeId { get; }

    /// <summary>The error that ended the stream, if it ended.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Responses received so far, every type.</summary>
    public long Responses => Interlocked.Read(ref _responses);

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the armed marker was first fully received; 0 while not.</summary>
    public long ConvergedAt => Interlocked.Read(ref _convergedAt);

    /// <summary>Opens the stream with the first CDS request (carrying the node) and the LDS request, as Envoy starts.</summary>
    public static async Task<SimulatedProxy> StartAsync(Uri xds, string nodeId, string token, byte[] marker)
    {
        var proxy = new SimulatedProxy(xds, nodeId, token);
        proxy.Arm(marker);
        var node = new Node { Id = nodeId, Cluster = "cloudmesh-bench", UserAgentName = "cloudmesh-bench" };
        await proxy._call.RequestStream.WriteAsync(new DiscoveryRequest { Node = node, TypeUrl = XdsTypes.Cluster });
        await proxy._call.RequestStream.WriteAsync(new DiscoveryRequest { TypeUrl = XdsTypes.Listener });
        proxy._reader = Task.Run(proxy.ReadAsync);
        return proxy;
    }

    /// <summary>
    /// Waits for a new marker: from now on <see cref="ConvergedAt"/> is the receive time of the response that completes
    /// it (or now, if what the proxy holds already carries it).
    /// </summary>
    public void Arm(byte[] marker)
    {
        lock (_gate)
        {
            _marker = marker;
            Interlocked.Exchange(ref _convergedAt, 0);
            CheckConverged(Stopwatch.GetTimestamp());
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(_stop.Token))
            {
                var received = Stopwatch.GetTimestamp();
                var response = _call.ResponseStream.Current;
                Interlocked.Increment(ref _responses);
                // ACK first (Envoy ACKs once applied; applying costs a simulated proxy nothing). SotW requests for
                // named types must repeat the names, or they would unsubscribe.
                await SendAsync(response.TypeUrl, response, NamesFor(response.TypeUrl));
                await OnResponseAsync(response, received);
            }
        }
        catch (Exception ex) when (!_stop.IsCancellationRequested)
        {
            Failure = ex;
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Disposed: the stream was cancelled on purpose.
        }
    }

    private async Task OnResponseAsync(DiscoveryResponse response, long received)
    {
        lock (_gate)
        {
            _lastByType[response.TypeUrl] = response;
            switch (response.TypeUrl)
            {
                case XdsTypes.Cluster:
                    _clusters = response;
                    break;
                case XdsTypes.Route:
                    _routes = response;
                    break;
            }

            CheckConverged(received);
        }

        switch (response.TypeUrl)
        {
            case XdsTypes.Cluster:
                var endpoints = SubscriptionNames.EndpointNames(response.Resources);
                if (!endpoints.SequenceEqual(_endpointNames))
                {
                    _endpointNames = endpoints;
                    await SendAsync(XdsTypes.Endpoint, LastOf(XdsTypes.Endpoint), endpoints);
                }

                break;
            case XdsTypes.Listener:
                var routes = SubscriptionNames.RouteNames(response.Resources);
                if (!routes.SequenceEqual(_routeNames))
                {
                    _routeNames = routes;
                    await SendAsync(XdsTypes.Route, LastOf(XdsTypes.Route), routes);
                }

                break;
        }
    }

    private DiscoveryResponse? LastOf(string typeUrl)
    {
        lock (_gate)
        {
            return _lastByType.GetValueOrDefault(typeUrl);
        }
    }

    private string[] NamesFor(string typeUrl) => typeUrl switch
    {
        XdsTypes.Route => _routeNames,
        XdsTypes.Endpoint => _endpointNames,
        _ => [],
    };

    private Task SendAsync(string typeUrl, DiscoveryResponse? acknowledged, string[] names)
    {
        var request = new DiscoveryRequest
        {
            TypeUrl = typeUrl,
            VersionInfo = acknowledged?.VersionInfo ?? "",
            ResponseNonce = acknowledged?.Nonce ?? "",
        };
        request.ResourceNames.AddRange(names);
        return _call.RequestStream.WriteAsync(request);
    }

    private void CheckConverged(long now)
    {
        if (Interlocked.Read(ref _convergedAt) == 0 && _marker.Length > 0
            && _clusters is not null && _routes is not null
            && SubscriptionNames.AnyContains(_clusters.Resources, _marker)
            && SubscriptionNames.AnyContains(_routes.Resources, _marker))
        {
            Interlocked.Exchange(ref _convergedAt, now);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _call.Dispose();
        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _channel.Dispose();
        _stop.Dispose();
    }
}
