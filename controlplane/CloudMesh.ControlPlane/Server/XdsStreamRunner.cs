using System.Diagnostics;
using CloudMesh.ControlPlane.Diagnostics;
using CloudMesh.ControlPlane.Hosting;
using CloudMesh.ControlPlane.Identity;
using CloudMesh.ControlPlane.Model;
using CloudMesh.ControlPlane.Protocol;
using CloudMesh.ControlPlane.Resources;
using CloudMesh.ControlPlane.Snapshots;
using CloudMesh.ControlPlane.Sources;
using CloudMesh.Xds;
using Envoy.Config.Core.V3;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace CloudMesh.ControlPlane.Server;

/// <summary>
/// Runs one ADS stream: authenticates the first request, subscribes to the identity's snapshot, then feeds the
/// protocol session with requests and snapshot changes from a single loop and writes what it returns. Registers
/// the proxy's announced instance while the stream lives.
/// </summary>
public sealed partial class XdsStreamRunner
{
    private static readonly WriteOptions BufferedWrite = new(WriteFlags.BufferHint);

    private readonly SnapshotCache _cache;
    private readonly XdsStreamAuthenticator _authenticator;
    private readonly ConnectedProxyRegistry _registry;
    private readonly ControlPlaneMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<XdsStreamRunner> _logger;
    private readonly StreamInstanceRegistration _instances;
    private readonly XdsSessionOptions _sessionOptions;
    private readonly string _replicaId;
    private readonly CancellationToken _stopping;

    /// <summary>Creates the runner (one per replica).</summary>
    public XdsStreamRunner(
        SnapshotCache cache,
        XdsStreamAuthenticator authenticator,
        ConnectedProxyRegistry registry,
        ControlPlaneMetrics metrics,
        ControlPlaneOptions options,
        TimeProvider timeProvider,
        ILogger<XdsStreamRunner> logger,
        IEndpointRegistrar? registrar = null,
        CancellationToken stopping = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        _authenticator = authenticator ?? throw new ArgumentNullException(nameof(authenticator));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _instances = new StreamInstanceRegistration(registrar, logger);
        _replicaId = options.ReplicaId;
        _sessionOptions = new XdsSessionOptions(options.ReplicaId, timeProvider);
        _stopping = stopping;
    }

    internal async Task RunAsync<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requests,
        IServerStreamWriter<TResponse> responses,
        ServerCallContext context,
        XdsStreamKind<TRequest, TResponse> kind)
        where TRequest : class
    {
        // A replica that is stopping ends its streams at once with UNAVAILABLE, so proxies reconnect (to another
        // replica) instead of holding the host's shutdown until its timeout.
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stopping);
        try
        {
            await RunCoreAsync(requests, responses, context, kind, lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"Control-plane replica {_replicaId} is shutting down; reconnect."));
        }
    }

    private async Task RunCoreAsync<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requests,
        IServerStreamWriter<TResponse> responses,
        ServerCallContext context,
        XdsStreamKind<TRequest, TResponse> kind,
        CancellationToken cancellationToken)
        where TRequest : class
    {
        if (!await requests.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        TRequest first = requests.Current;
        Node? node = kind.NodeOf(first);
        XdsAuthenticationResult auth;
        try
        {
            auth = await _authenticator.AuthenticateAsync(Describe(context), node, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A credential or token store that cannot answer is an outage, not a verdict on the proxy.
            _metrics.RejectedStreams.Increment(nameof(StatusCode.Unavailable));
            LogAuthenticationUnavailable(node?.Id ?? "", ex);
            throw new RpcException(new Status(StatusCode.Unavailable, "The control plane could not check the stream's credentials; retry later."));
        }

        if (!auth.Succeeded)
        {
            _metrics.RejectedStreams.Increment(auth.Failure.StatusCode.ToString());
            LogRejected(node?.Id ?? "", context.Peer, auth.Failure.StatusCode, auth.Failure.Detail);
            throw new RpcException(auth.Failure);
        }

        var events = new StreamEvents<TRequest>();
        SnapshotWatch watch;
        try
        {
            watch = await _cache.WatchAsync(auth.Identity, events, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _metrics.RejectedStreams.Increment(nameof(StatusCode.Unavailable));
            throw new RpcException(new Status(
                StatusCode.Unavailable,
                $"The control plane could not load the configuration of {auth.Identity}; the proxy keeps its current one and should retry."));
        }

        using (watch)
        {
            await ServeAsync(requests, responses, context, kind, node!, auth, first, events, watch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ServeAsync<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requests,
        IServerStreamWriter<TResponse> responses,
        ServerCallContext context,
        XdsStreamKind<TRequest, TResponse> kind,
        Node node,
        XdsAuthenticationResult auth,
        TRequest first,
        StreamEvents<TRequest> events,
        SnapshotWatch watch,
        CancellationToken cancellationToken)
        where TRequest : class
    {
        ProxyIdentity identity = auth.Identity!;
        IXdsSession<TRequest, TResponse> session = kind.CreateSession(
            watch.Current.Snapshot, _sessionOptions.WithObserver(new StreamObserver(_metrics, _logger, node.Id)));
        InstanceRegistration? instance = _instances.Read(node);
        var proxy = new ConnectedProxy(
            _registry.NextStreamId(), node.Id, identity, kind.Name, _replicaId, auth.Method, context.Peer,
            _timeProvider.GetUtcNow(), session, instance);
        _registry.Add(proxy);
        LogConnected(node.Id, identity, kind.Name, auth.Method, context.Peer);
        try
        {
            if (instance is not null)
            {
                await _instances.RegisterAsync(identity, instance, cancellationToken).ConfigureAwait(false);
            }

            Task pump = PumpRequestsAsync(requests, events, cancellationToken);
            await WriteAsync(responses, kind, Handle(session, first)).ConfigureAwait(false);
            await foreach (object item in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item is TRequest request)
                {
                    await WriteAsync(responses, kind, Handle(session, request)).ConfigureAwait(false);
                    continue;
                }

                events.SnapshotSignalTaken();
                PublishedSnapshot published = watch.Current;
                IReadOnlyList<TResponse> pushes = session.HandleSnapshot(published.Snapshot);
                if (pushes.Count > 0)
                {
                    await WriteAsync(responses, kind, pushes).ConfigureAwait(false);
                    if (published.ChangeObservedAt != 0)
                    {
                        _metrics.PushLatency.Observe(Stopwatch.GetElapsedTime(published.ChangeObservedAt));
                    }
                }
            }

            await pump.ConfigureAwait(false);
        }
        finally
        {
            _registry.Remove(proxy);
            if (instance is not null)
            {
                await _instances.DeregisterAsync(identity, instance).ConfigureAwait(false);
            }

            LogDisconnected(node.Id, kind.Name);
        }
    }

    private static IReadOnlyList<TResponse> Handle<TRequest, TResponse>(IXdsSession<TRequest, TResponse> session, TRequest request)
    {
        try
        {
            return session.HandleRequest(request);
        }
        catch (XdsProtocolException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }
    }

    private async Task WriteAsync<TRequest, TResponse>(
        IServerStreamWriter<TResponse> responses, XdsStreamKind<TRequest, TResponse> kind, IReadOnlyList<TResponse> batch)
    {
        // One flush per batch, not per response: a snapshot change is usually CDS, EDS and RDS together, and each
        // flush is a send system call and an HTTP/2 frame write of its own. Order on the wire is unchanged, and the
        // last write flushes everything before the loop waits for the client again.
        for (int i = 0; i < batch.Count; i++)
        {
            responses.WriteOptions = i < batch.Count - 1 ? BufferedWrite : null;
            await responses.WriteAsync(batch[i]).ConfigureAwait(false);
            _metrics.Pushes.Increment(XdsTypeUrls.ShortName(kind.TypeUrlOf(batch[i])));
        }
    }

    private static async Task PumpRequestsAsync<TRequest>(
        IAsyncStreamReader<TRequest> requests, StreamEvents<TRequest> events, CancellationToken cancellationToken)
        where TRequest : class
    {
        try
        {
            while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                events.Request(requests.Current);
            }

            // The client half-closed: the stream ends normally once what is queued is handled.
            events.Complete();
        }
        catch (Exception ex)
        {
            events.Complete(ex);
        }
    }

    private static XdsCallInfo Describe(ServerCallContext context)
    {
        var headers = new List<KeyValuePair<string, string>>(context.RequestHeaders.Count);
        foreach (global::Grpc.Core.Metadata.Entry entry in context.RequestHeaders)
        {
            if (!entry.IsBinary)
            {
                headers.Add(new(entry.Key, entry.Value));
            }
        }

        return new XdsCallInfo(context.Host, context.Method, headers);
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Refused xDS stream of node '{NodeId}' from {Peer}: {Code} {Detail}")]
    private partial void LogRejected(string nodeId, string peer, StatusCode code, string detail);

    [LoggerMessage(EventId = 1307, Level = LogLevel.Error, Message = "Checking the credentials of node '{NodeId}' failed")]
    private partial void LogAuthenticationUnavailable(string nodeId, Exception exception);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "Proxy {NodeId} ({Identity}) connected over {Kind} ADS, authenticated by {Method}, from {Peer}")]
    private partial void LogConnected(string nodeId, ProxyIdentity identity, string kind, XdsAuthenticationMethod method, string peer);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Debug, Message = "Proxy {NodeId} {Kind} stream ended")]
    private partial void LogDisconnected(string nodeId, string kind);
}
