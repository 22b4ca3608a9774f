using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CloudMesh.Kubernetes.Client;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Kubernetes.Informers;

/// <summary>
/// Keeps a cache of one resource type in step with the API server, as client-go's reflector and informer do: list,
/// then watch from the list's resourceVersion (following bookmarks), watch again when the server ends the stream, and
/// list again when the resourceVersion is too old (410 Gone). Each change is reported to <see cref="Changed"/> after
/// the cache has it. The cache is safe to read from any thread; handlers run on the informer's loop, one at a time.
/// </summary>
public sealed partial class Informer
{
    private readonly KubernetesClient _client;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, JsonObject> _cache = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _lists;

    /// <summary>Creates an informer for <paramref name="type"/> across all namespaces.</summary>
    public Informer(KubernetesClient client, KubernetesResourceType type, ILogger logger, TimeProvider? time = null)
    {
        _client = client;
        Type = type;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The resource type this informer follows.</summary>
    public KubernetesResourceType Type { get; }

    /// <summary>Called after each change is in the cache (for a relist, once per object that changed or went away).</summary>
    public event Action<WatchEventType, JsonObject>? Changed;

    /// <summary>How long each watch request asks the server to keep the stream open.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The resourceVersion the next watch starts from.</summary>
    public string? LastResourceVersion { get; private set; }

    /// <summary>How many times the informer has listed (1 after the first sync; more after 410s or errors).</summary>
    public int ListCount => Volatile.Read(ref _lists);

    /// <summary>Completes once the first list is in the cache.</summary>
    public Task Synced => _synced.Task;

    /// <summary>Every cached object. The objects are shared: do not modify them.</summary>
    public IReadOnlyCollection<JsonObject> Items => _cache.Values.ToList();

    /// <summary>The cached object with this key (<c>namespace/name</c>, or <c>name</c>), if any.</summary>
    public JsonObject? Get(string key) => _cache.GetValueOrDefault(key);

    /// <summary>Lists and watches until <paramref name="ct"/> is cancelled; errors are logged and retried with backoff.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var failures = 0;
        var needList = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    await ListAsync(ct);
                    needList = false;
                }

                await foreach (var e in _client.WatchAsync(Type, null, LastResourceVersion!, WatchTimeout, ct))
                {
                    failures = 0;
                    if (e.Type == WatchEventType.Error)
                    {
                        var error = KubernetesApiException.FromStatus(System.Net.HttpStatusCode.InternalServerError, e.Object);
                        if (error.IsGone)
                        {
                            Log.Relisting(_logger, Type.Plural, LastResourceVersion);
                            needList = true;
                            break;
                        }

                        throw error;
                    }

                    Apply(e);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (KubernetesApiException e) when (e.IsGone)
            {
                Log.Relisting(_logger, Type.Plural, LastResourceVersion);
                needList = true;
            }
            catch (Exception e) when (e is KubernetesApiException or HttpRequestException or IOException or System.Text.Json.JsonException)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, 200 * Math.Pow(2, Math.Min(failures, 10))));
                Log.WatchFailed(_logger, Type.Plural, delay.TotalMilliseconds, e);
                try
                {
                    await Task.Delay(delay, _time, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task ListAsync(CancellationToken ct)
    {
        var list = await _client.ListAsync(Type, null, ct);
        Interlocked.Increment(ref _lists);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            var key = KubernetesObjects.Key(item);
            seen.Add(key);
            var known = _cache.TryGetValue(key, out var old);
            if (known && KubernetesObjects.ResourceVersion(old!) == KubernetesObjects.ResourceVersion(item))
            {
                continue;
            }

            _cache[key] = item;
            Changed?.Invoke(known ? WatchEventType.Modified : WatchEventType.Added, item);
        }

        // What the list no longer has was deleted while the informer was not watching.
        foreach (var (key, gone) in _cache.Where(p => !seen.Contains(p.Key)).ToList())
        {
            _cache.TryRemove(key, out _);
            Changed?.Invoke(WatchEventType.Deleted, gone);
        }

        LastResourceVersion = list.ResourceVersion;
        _synced.TrySetResult();
    }

    private void Apply(WatchEvent e)
    {
        LastResourceVersion = KubernetesObjects.ResourceVersion(e.Object) ?? LastResourceVersion;
        if (e.Type == WatchEventType.Bookmark)
        {
            return;
        }

        var key = KubernetesObjects.Key(e.Object);
        if (e.Type == WatchEventType.Deleted)
        {
            _cache.TryRemove(key, out _);
        }
        else
        {
            _cache[key] = e.Object;
        }

        Changed?.Invoke(e.Type, e.Object);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Resource}: resourceVersion {ResourceVersion} is too old; listing again")]
        public static partial void Relisting(ILogger logger, string resource, string? resourceVersion);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Resource}: watch failed; retrying in {DelayMs} ms")]
        public static partial void WatchFailed(ILogger logger, string resource, double delayMs, Exception exception);
    }
}
