using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;
using CloudMesh.Kubernetes.Informers;
using CloudMesh.Kubernetes.Webhook;
using CloudMesh.Sdk.Resources;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Kubernetes.Controller;

/// <summary>
/// Reconciles the App Mesh controller's custom resources into CloudMesh, with that controller's semantics: informers
/// on the six kinds and on Namespaces, one work queue, per-object exponential backoff, finalizers, status conditions,
/// ARNs and observedGeneration written back. An object whose dependencies (its mesh, the router or node a service
/// points at, the gateway of a gateway route...) are missing or not active yet is retried, and retried at once when
/// any of them changes. Translation is <see cref="Manifests.Kubernetes.ClusterTranslator"/>, the same code as
/// <c>cloudmesh apply</c>. Run one instance per cluster.
/// </summary>
public sealed partial class AppMeshController : IAppMeshObjectSource
{
    private readonly KubernetesClient _kube;
    private readonly MeshResources _appMesh;
    private readonly AppMeshControllerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Dictionary<AppMeshCustomResource, Informer> _informers;
    private readonly Informer _namespaces;
    private readonly WorkQueue<ObjectKey> _queue;
    private readonly ConcurrentDictionary<ObjectKey, byte> _waiting = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LeaderElector? _elector;
    private readonly EventRecorder _events;

    /// <summary>Creates the controller; nothing happens until <see cref="RunAsync"/>.</summary>
    /// <param name="kube">The API server.</param>
    /// <param name="appMesh">CloudMesh's App Mesh API, as one tenant.</param>
    /// <param name="options">Backoff, workers, resync.</param>
    /// <param name="logger">Logs.</param>
    /// <param name="time">The clock (tests).</param>
    /// <param name="elector">With several replicas: only the elected one reconciles; null: this one always does.</param>
    public AppMeshController(
        KubernetesClient kube, MeshResources appMesh, AppMeshControllerOptions options, ILogger<AppMeshController> logger, TimeProvider? time = null,
        LeaderElector? elector = null)
    {
        _elector = elector;
        _kube = kube;
        _appMesh = appMesh;
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _queue = new WorkQueue<ObjectKey>(options.BackoffBase, options.BackoffMax, _time);
        _events = new EventRecorder(kube, logger, _time);
        _informers = AppMeshCustomResource.All.ToDictionary(
            k => k,
            k => new Informer(kube, k.Type, logger, _time) { WatchTimeout = options.WatchTimeout });
        _namespaces = new Informer(kube, KubernetesResourceType.Namespaces, logger, _time) { WatchTimeout = options.WatchTimeout };
        foreach (var (kind, informer) in _informers)
        {
            informer.Changed += (type, obj) => OnChanged(kind, type, obj);
        }

        _namespaces.Changed += (_, _) => WakeWaiting();
    }

    /// <summary>Completes when every informer has its first list (reconciling has started).</summary>
    public Task Synced => _synced.Task;

    /// <summary>How many times <paramref name="key"/> has failed since it last succeeded (for tests and metrics).</summary>
    public int Failures(ObjectKey key) => _queue.Failures(key);

    /// <inheritdoc />
    public bool Ready => _synced.Task.IsCompletedSuccessfully;

    /// <inheritdoc />
    public IReadOnlyCollection<JsonObject> Items(AppMeshCustomResource kind) => _informers[kind].Items;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> NamespaceLabels(string ns) => LabelsOfNamespace(ns);

    /// <summary>Runs informers and workers until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var informers = _informers.Values.Append(_namespaces).Select(i => i.RunAsync(ct)).ToList();
        try
        {
            await Task.WhenAll(_informers.Values.Append(_namespaces).Select(i => i.Synced)).WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            await Task.WhenAll(informers);
            return;
        }

        _synced.TrySetResult();
        var work = ct;
        if (_elector is not null)
        {
            try
            {
                work = await _elector.AcquireAsync(ct);
            }
            catch (OperationCanceledException)
            {
                await Task.WhenAll(informers);
                return;
            }
        }

        Log.Started(_logger, _informers.Values.Sum(i => i.Items.Count));
        var workers = Enumerable.Range(0, Math.Max(1, _options.Workers)).Select(_ => WorkAsync(work)).ToList();
        await Task.WhenAll(workers.Append(ResyncAsync(work)));
        if (!ct.IsCancellationRequested)
        {
            // Leadership lost: stop, as client-go controllers do, and let the pod restart as a candidate.
            throw new InvalidOperationException("The controller lost its leader lease.");
        }

        await Task.WhenAll(informers);
    }

    private void OnChanged(AppMeshCustomResource kind, WatchEventType type, JsonObject obj)
    {
        _queue.Add(new ObjectKey(kind, KubernetesObjects.Key(obj)));

        // Something others may wait for appeared, went away, or became active: let the waiting try again now rather
        // than at their next backoff. (A failing object's own status update is none of these, so it cannot spin.)
        if (type is WatchEventType.Added or WatchEventType.Deleted || KubernetesObjects.IsConditionTrue(obj, kind.ConditionType)
            || KubernetesObjects.IsBeingDeleted(obj))
        {
            WakeWaiting();
        }
    }

    private void WakeWaiting()
    {
        foreach (var key in _waiting.Keys)
        {
            _queue.Add(key);
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            ObjectKey key;
            try
            {
                key = await _queue.TakeAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var outcome = await ReconcileAsync(key, ct);
                if (outcome.Succeeded)
                {
                    _waiting.TryRemove(key, out _);
                    _queue.Forget(key);
                }
                else
                {
                    _waiting[key] = 0;
                    var delay = _queue.AddRateLimited(key);
                    Log.Retrying(_logger, key.ToString(), outcome.Reason ?? "", outcome.Message ?? "", delay.TotalMilliseconds);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _waiting[key] = 0;
                var delay = _queue.AddRateLimited(key);
                Log.Failed(_logger, key.ToString(), delay.TotalMilliseconds, e);
            }
            finally
            {
                _queue.Done(key);
            }
        }
    }

    private async Task ResyncAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.ResyncPeriod, _time, ct);
                foreach (var (kind, informer) in _informers)
                {
                    foreach (var obj in informer.Items)
                    {
                        _queue.Add(new ObjectKey(kind, KubernetesObjects.Key(obj)));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    /// <summary>The outcome of one reconcile: success, or why it must be retried.</summary>
    private readonly record struct Outcome(bool Succeeded, string? Reason, string? Message)
    {
        public static readonly Outcome Success = new(true, null, null);

        public static Outcome Retry(string reason, string message) => new(false, reason, message);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "App Mesh controller synced {Count} objects; reconciling")]
        public static partial void Started(ILogger logger, int count);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Object}: {Reason}: {Message}; retrying in {DelayMs} ms")]
        public static partial void Retrying(ILogger logger, string @object, string reason, string message, double delayMs);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Object}: reconcile failed; retrying in {DelayMs} ms")]
        public static partial void Failed(ILogger logger, string @object, double delayMs, Exception exception);

        [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Object}: {Action} {Resource}")]
        public static partial void Applied(ILogger logger, string @object, string action, string resource);
    }
}
