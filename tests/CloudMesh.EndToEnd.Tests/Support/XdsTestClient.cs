using System.Net;
using Envoy.Config.Core.V3;
using Envoy.Service.Discovery.V3;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace CloudMesh.EndToEnd.Tests.Support;

/// <summary>
/// A minimal Envoy-like ADS client over CloudMesh.Grpc: one SotW stream, wildcard CDS and LDS subscriptions,
/// every response ACKed at once (as Envoy does), and the latest resources per type kept for assertions.
/// </summary>
public sealed class XdsTestClient : IAsyncDisposable
{
    public const string ClusterType = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
    public const string ListenerType = "type.googleapis.com/envoy.config.listener.v3.Listener";

    /// <summary>A safety net for waits, never an expectation of speed.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly GrpcChannel _channel;
    private readonly AsyncDuplexStreamingCall<DiscoveryRequest, DiscoveryResponse> _call;
    private readonly Node _node;
    private readonly Dictionary<string, DiscoveryResponse> _latest = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _received = new(0);
    private readonly Task _reader;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writer = new(1, 1);

    private XdsTestClient(Uri xds, string nodeId, global::Grpc.Core.Metadata headers, IReadOnlyDictionary<string, string>? nodeMetadata, HttpMessageHandler? handler)
    {
        _node = new Node { Id = nodeId, Cluster = "e2e", UserAgentName = "cloudmesh-e2e" };
        if (nodeMetadata is not null)
        {
            _node.Metadata = new Struct();
            foreach (var (name, value) in nodeMetadata)
            {
                _node.Metadata.Fields[name] = Value.ForString(value);
            }
        }

        _channel = GrpcChannel.ForAddress(xds, new GrpcChannelOptions { HttpHandler = handler });
        var client = new AggregatedDiscoveryService.AggregatedDiscoveryServiceClient(_channel);
        _call = client.StreamAggregatedResources(headers);
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>The error that ended the stream, if it ended.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Opens a stream for <paramref name="nodeId"/> and subscribes to every cluster and listener.</summary>
    public static Task<XdsTestClient> ConnectAsync(Uri xds, string nodeId, string token) =>
        ConnectAsync(xds, nodeId, new global::Grpc.Core.Metadata { { "authorization", "Bearer " + token } });

    /// <summary>Opens a stream with the given call metadata (e.g. SigV4 headers) and subscribes to every cluster and listener.</summary>
    public static async Task<XdsTestClient> ConnectAsync(
        Uri xds, string nodeId, global::Grpc.Core.Metadata headers, IReadOnlyDictionary<string, string>? nodeMetadata = null,
        HttpMessageHandler? handler = null)
    {
        var client = new XdsTestClient(xds, nodeId, headers, nodeMetadata, handler);
        try
        {
            await client.SendAsync(new DiscoveryRequest { Node = client._node, TypeUrl = ClusterType });
            await client.SendAsync(new DiscoveryRequest { TypeUrl = ListenerType });
        }
        catch (RpcException)
        {
            // A refused stream (bad credentials) can end before the requests are all written; the reader holds the
            // server's status, and WaitForAsync reports it, which is what the tests assert on.
        }

        return client;
    }

    /// <summary>Waits until the latest response of <paramref name="typeUrl"/> satisfies <paramref name="condition"/>.</summary>
    public async Task<DiscoveryResponse> WaitForAsync(string typeUrl, Func<DiscoveryResponse, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            lock (_gate)
            {
                if (_latest.TryGetValue(typeUrl, out var response) && condition(response))
                {
                    return response;
                }
            }

            if (Failure is not null)
            {
                throw new InvalidOperationException("The ADS stream ended.", Failure);
            }

            try
            {
                await _received.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {typeUrl} response matched within {Patience}; latest: {Describe(typeUrl)}");
            }
        }
    }

    /// <summary>The names of the resources in the latest response of a type.</summary>
    public static IReadOnlyList<string> Names(DiscoveryResponse response) =>
        [.. response.Resources.Select(r => r.TypeUrl == ClusterType
            ? Envoy.Config.Cluster.V3.Cluster.Parser.ParseFrom(r.Value).Name
            : Envoy.Config.Listener.V3.Listener.Parser.ParseFrom(r.Value).Name)];

    private string Describe(string typeUrl)
    {
        lock (_gate)
        {
            return _latest.TryGetValue(typeUrl, out var response) ? string.Join(", ", Names(response)) : "(none)";
        }
    }

    // One write at a time, as gRPC requires: the reader ACKs while ConnectAsync may still be sending the LDS request.
    private async Task SendAsync(DiscoveryRequest request)
    {
        await _writer.WaitAsync();
        try
        {
            await _call.RequestStream.WriteAsync(request);
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None))
            {
                var response = _call.ResponseStream.Current;
                // ACK first, as Envoy does once a response is applied.
                await SendAsync(new DiscoveryRequest
                {
                    TypeUrl = response.TypeUrl,
                    VersionInfo = response.VersionInfo,
                    ResponseNonce = response.Nonce,
                });
                lock (_gate)
                {
                    _latest[response.TypeUrl] = response;
                }

                _received.Release();
            }
        }
        catch (Exception ex)
        {
            Failure = ex;
            _received.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writer.WaitAsync();
        try
        {
            await _call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException or HttpRequestException)
        {
            // The server may already have ended the stream.
        }
        finally
        {
            _writer.Release();
        }

        _call.Dispose();
        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _channel.Dispose();
        _writer.Dispose();
        _received.Dispose();
    }
}
