using System.Diagnostics;
using CloudMesh.Proxy.Xds.Configuration;
using CloudMesh.Proxy.Xds.Protocol;
using CloudMesh.Proxy.Xds.State;
using CloudMesh.Proxy.Xds.Status;
using Envoy.Service.Discovery.V3;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudMesh.Proxy.Xds;

/// <summary>
/// The proxy's ADS client: keeps one stream to the control plane open (delta first, state of the world for good if
/// the server does not implement delta), hands every candidate state to an <see cref="IXdsStateHandler"/> and ACKs
/// or NACKs it, reconnects with jittered exponential backoff resuming from the acknowledged versions, and persists the
/// last accepted state so a restart without a control plane still serves. The state is never cleared on disconnect.
/// </summary>
/// <remarks><see cref="Status"/> is safe to read from any thread; <see cref="RunAsync"/> runs once.</remarks>
public sealed partial class XdsClient
{
    // A stream that lived this long was healthy even if it had nothing to send (an up-to-date proxy gets no response).
    private static readonly TimeSpan HealthyStreamAge = TimeSpan.FromSeconds(10);

    private readonly XdsClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly XdsStatusTracker _status;
    private readonly XdsStateKeeper _keeper;
    private int _started;

    /// <summary>Creates a client; nothing happens until <see cref="RunAsync"/>.</summary>
    /// <param name="options">Where to connect and what to announce.</param>
    /// <param name="handler">The data plane.</param>
    /// <param name="logger">Logs connection changes, rejections and persistence problems.</param>
    /// <param name="timeProvider">The clock for status times and reconnect delays.</param>
    public XdsClient(XdsClientOptions options, IXdsStateHandler handler, ILogger<XdsClient>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options.ControlPlaneAddress);
        ArgumentNullException.ThrowIfNull(options.Node);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _status = new XdsStatusTracker(_timeProvider);
        _keeper = new XdsStateKeeper(handler, options.StatePath, _status, _logger);
    }

    /// <summary>What operators see: connection, mode, accepted versions, last NACK and error, readiness.</summary>
    public XdsClientStatus Status => _status.Current;

    /// <summary>The last state the data plane accepted (for config dumps); safe to read from any thread.</summary>
    public XdsState State => _keeper.Held.State;

    /// <summary>
    /// Restores the persisted state (if any), then keeps an ADS stream open until <paramref name="cancellationToken"/>
    /// is cancelled; completes (without throwing) when it is.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called a second time.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("XdsClient.RunAsync runs once per client.");
        }

        try
        {
            await _keeper.RestoreAsync(cancellationToken).ConfigureAwait(false);
            using GrpcChannel channel = CreateChannel();
            var client = new AggregatedDiscoveryService.AggregatedDiscoveryServiceClient(channel);
            var backoff = new ReconnectBackoff(_options.InitialReconnectDelay, _options.MaxReconnectDelay);
            XdsProtocolMode mode = XdsProtocolMode.Delta;
            while (!cancellationToken.IsCancellationRequested)
            {
                (bool healthy, string? error, bool deltaUnimplemented) = await RunStreamAsync(client, mode, cancellationToken)
                    .ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                if (deltaUnimplemented)
                {
                    mode = XdsProtocolMode.StateOfTheWorld;
                    _status.Update(s => s with { Mode = mode });
                    LogFallingBackToSotw(_options.ControlPlaneAddress);
                    continue;
                }

                if (healthy)
                {
                    backoff.Reset();
                }

                TimeSpan delay = backoff.Next();
                LogStreamFailed(_options.ControlPlaneAddress, error ?? "", delay);
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _status.Disconnected(error: null);
        }
    }

    private async Task<(bool Healthy, string? Error, bool DeltaUnimplemented)> RunStreamAsync(
        AggregatedDiscoveryService.AggregatedDiscoveryServiceClient client, XdsProtocolMode mode, CancellationToken cancellationToken)
    {
        var delta = mode == XdsProtocolMode.Delta ? new DeltaAdsSession(client, _options, _keeper, _status) : null;
        var sotw = mode == XdsProtocolMode.StateOfTheWorld ? new SotwAdsSession(client, _options, _keeper, _status) : null;
        bool ReceivedResponse() => delta?.ReceivedResponse ?? sotw!.ReceivedResponse;

        _status.StreamOpened(mode);
        LogConnecting(_options.ControlPlaneAddress, mode);
        long started = _timeProvider.GetTimestamp();
        string error;
        try
        {
            await (delta is not null ? delta.RunAsync(cancellationToken) : sotw!.RunAsync(cancellationToken)).ConfigureAwait(false);
            error = "The control plane ended the stream.";
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            return (true, null, false);
        }
        catch (RpcException ex) when (mode == XdsProtocolMode.Delta && ex.StatusCode == StatusCode.Unimplemented && !ReceivedResponse())
        {
            _status.Disconnected(error: null);
            return (false, null, true);
        }
        catch (RpcException ex)
        {
            error = $"{ex.StatusCode}: {ex.Status.Detail}";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            error = ex.Message;
        }
        catch (Exception ex)
        {
            // Whatever went wrong, the proxy must keep trying: a client that stops leaves it on stale configuration.
            LogUnexpectedFailure(ex);
            error = $"{ex.GetType().Name}: {ex.Message}";
        }

        _status.Disconnected(error);
        bool healthy = ReceivedResponse() || _timeProvider.GetElapsedTime(started) >= HealthyStreamAge;
        return (healthy, error, false);
    }

    private GrpcChannel CreateChannel()
    {
        HttpMessageHandler handler = _options.HttpHandler ?? new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = _options.KeepAlivePingDelay,
            KeepAlivePingTimeout = _options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        return GrpcChannel.ForAddress(_options.ControlPlaneAddress, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = _options.HttpHandler is null,
            MaxReceiveMessageSize = _options.MaxReceiveMessageSize,
        });
    }

    [LoggerMessage(EventId = 1, EventName = "Connecting", Level = LogLevel.Information,
        Message = "Opening an ADS stream to {Address} ({Mode}).")]
    private partial void LogConnecting(Uri address, XdsProtocolMode mode);

    [LoggerMessage(EventId = 2, EventName = "StreamFailed", Level = LogLevel.Warning,
        Message = "The ADS stream to {Address} ended: {Error}. Reconnecting in {Delay}; the proxy keeps serving its current configuration.")]
    private partial void LogStreamFailed(Uri address, string error, TimeSpan delay);

    [LoggerMessage(EventId = 4, EventName = "UnexpectedStreamFailure", Level = LogLevel.Error,
        Message = "The ADS stream failed unexpectedly; reconnecting.")]
    private partial void LogUnexpectedFailure(Exception exception);

    [LoggerMessage(EventId = 3, EventName = "FallingBackToStateOfTheWorld", Level = LogLevel.Information,
        Message = "{Address} does not implement delta xDS; using state of the world from now on.")]
    private partial void LogFallingBackToSotw(Uri address);
}
