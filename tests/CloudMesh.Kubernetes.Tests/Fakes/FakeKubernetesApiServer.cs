using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CloudMesh.Kubernetes.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Kubernetes.Tests.Fakes;

/// <summary>
/// A FAKE Kubernetes API server, because no real one (nor kind, nor a container engine) can run on these machines. It
/// is Kestrel on loopback implementing the part of the REST API the controller uses, with the real server's semantics:
/// a global resourceVersion bumped on every write; list with the collection's resourceVersion; watch from a
/// resourceVersion as a stream of newline-delimited events (replayed history, then live), bookmarks, the server
/// closing the stream after timeoutSeconds, and 410 Gone (an ERROR event with a Status) for a resourceVersion older
/// than the compacted history; JSON merge patch (RFC 7386) with an optional resourceVersion precondition (409);
/// the <c>/status</c> subresource (the main resource ignores status, <c>/status</c> changes only status);
/// metadata.generation bumped on spec changes only; and finalizers: DELETE of an object with finalizers only sets
/// deletionTimestamp, and the object goes away when the last finalizer is removed. Bearer-token authentication.
/// Not implemented: PUT, label/field selectors, strategic merge and JSON patch, admission.
/// </summary>
public sealed class FakeKubernetesApiServer : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, KubernetesResourceType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Plural, string Namespace, string Name), JsonObject> _objects = [];
    private readonly List<(long Rv, string Plural, string Namespace, string Type, JsonObject Object)> _history = [];
    private readonly List<Channel<(long Rv, string Plural, string Namespace, string Type, JsonObject Object)>> _watchers = [];
    private readonly Dictionary<string, int> _listCounts = new(StringComparer.Ordinal);
    private long _resourceVersion = 100;
    private long _compactedBefore;
    private WebApplication? _app;

    /// <summary>The token clients must send as <c>Authorization: Bearer</c>.</summary>
    public string Token { get; } = "fake-token-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The server's base address (http on 127.0.0.1).</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1");

    /// <summary>Options for a client of this server.</summary>
    public KubernetesClientOptions ClientOptions => new() { Server = Endpoint, Token = Token };

    /// <summary>Starts a server knowing <paramref name="types"/> (plus core Namespaces, Pods and Events).</summary>
    public static async Task<FakeKubernetesApiServer> StartAsync(params KubernetesResourceType[] types)
    {
        var server = new FakeKubernetesApiServer();
        foreach (var type in types.Append(KubernetesResourceType.Namespaces).Append(KubernetesResourceType.Pods).Append(KubernetesResourceType.Events))
        {
            server._types[type.Plural] = type;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        server._app = builder.Build();
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address);
        return server;
    }

    /// <summary>How many list (non-watch) requests the collection <paramref name="plural"/> has served.</summary>
    public int ListCount(string plural)
    {
        lock (_gate)
        {
            return _listCounts.GetValueOrDefault(plural);
        }
    }

    /// <summary>The current resourceVersion.</summary>
    public string CurrentResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>
    /// Forgets the event history, as etcd compaction does: watches from any resourceVersion before now get 410 Gone,
    /// and open watches are closed with that error (as the real server does when the watch cache falls behind).
    /// </summary>
    public void Compact()
    {
        lock (_gate)
        {
            _compactedBefore = _resourceVersion + 1;
            _history.Clear();
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryComplete(new GoneException());
            }
        }
    }

    /// <summary>Sends a BOOKMARK at the current resourceVersion to every open watch that asked for bookmarks.</summary>
    public void SendBookmarks()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite((_resourceVersion, "*bookmark*", "", "BOOKMARK", new JsonObject()));
            }
        }
    }

    /// <summary>Stores an object directly (as kubectl apply would create it), returning it as stored.</summary>
    public JsonObject Create(KubernetesResourceType type, JsonObject obj)
    {
        var ns = type.Namespaced ? KubernetesObjects.Namespace(obj) ?? "default" : "";
        var (status, body) = CreateObject(type, ns, (JsonObject)obj.DeepClone());
        return status == HttpStatusCode.Created ? body : throw new InvalidOperationException(body.ToJsonString());
    }

    /// <summary>The stored object, or null.</summary>
    public JsonObject? Get(KubernetesResourceType type, string? ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue((type.Plural, type.Namespaced ? ns ?? "" : "", name), out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        if (http.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            await WriteStatusAsync(http, HttpStatusCode.Unauthorized, "Unauthorized", "Unauthorized");
            return;
        }

        if (!TryParsePath(http.Request.Path.Value ?? "", out var type, out var ns, out var name, out var subresource))
        {
            await WriteStatusAsync(http, HttpStatusCode.NotFound, "NotFound", $"the server could not find the requested resource ({http.Request.Path})");
            return;
        }

        var method = http.Request.Method;
        if (name is null && method == "GET" && http.Request.Query["watch"] == "true")
        {
            await WatchAsync(http, type, ns);
            return;
        }

        (HttpStatusCode Status, JsonObject Body) result = (method, name, subresource) switch
        {
            ("GET", null, null) => List(type, ns),
            ("POST", null, null) => CreateObject(type, ns ?? "", await ReadBodyAsync(http)),
            ("GET", { } n, null) => GetObject(type, ns ?? "", n),
            ("PATCH", { } n, var sub and (null or "status")) => http.Request.ContentType?.StartsWith("application/merge-patch+json", StringComparison.Ordinal) == true
                ? Patch(type, ns ?? "", n, await ReadBodyAsync(http), sub == "status")
                : StatusObject(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/merge-patch+json"),
            ("DELETE", { } n, null) => Delete(type, ns ?? "", n),
            _ => StatusObject(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"{method} is not supported by the fake API server"),
        };
        http.Response.StatusCode = (int)result.Status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(result.Body.ToJsonString());
    }

    private bool TryParsePath(string path, out KubernetesResourceType type, out string? ns, out string? name, out string? subresource)
    {
        type = null!;
        ns = name = subresource = null;
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        int rest;
        if (segments is ["api", "v1", ..])
        {
            rest = 2;
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            rest = 3;
        }
        else
        {
            return false;
        }

        var tail = segments[rest..];
        if (tail is ["namespaces", _, var plural, ..] && _types.TryGetValue(plural, out var namespaced) && namespaced.Namespaced)
        {
            type = namespaced;
            ns = tail[1];
            tail = tail[3..];
        }
        else if (tail.Length > 0 && _types.TryGetValue(tail[0], out var found))
        {
            type = found;
            tail = tail[1..];
        }
        else
        {
            return false;
        }

        if (tail.Length > 2 || (tail.Length == 2 && tail[1] != "status"))
        {
            return false;
        }

        name = tail.Length > 0 ? tail[0] : null;
        subresource = tail.Length > 1 ? tail[1] : null;
        return true;
    }

    private (HttpStatusCode, JsonObject) List(KubernetesResourceType type, string? ns)
    {
        lock (_gate)
        {
            _listCounts[type.Plural] = _listCounts.GetValueOrDefault(type.Plural) + 1;
            var items = _objects
                .Where(p => p.Key.Plural == type.Plural && (ns is null || p.Key.Namespace == ns))
                .OrderBy(p => p.Key.Namespace, StringComparer.Ordinal).ThenBy(p => p.Key.Name, StringComparer.Ordinal)
                .Select(p =>
                {
                    // Real list items carry no apiVersion/kind; the client must fill them in.
                    var item = (JsonObject)p.Value.DeepClone();
                    item.Remove("apiVersion");
                    item.Remove("kind");
                    return (JsonNode)item;
                });
            return (HttpStatusCode.OK, new JsonObject
            {
                ["apiVersion"] = type.ApiVersion,
                ["kind"] = type.Kind + "List",
                ["metadata"] = new JsonObject { ["resourceVersion"] = Rv(_resourceVersion) },
                ["items"] = new JsonArray(items.ToArray()),
            });
        }
    }

    private (HttpStatusCode, JsonObject) GetObject(KubernetesResourceType type, string ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue((type.Plural, ns, name), out var obj)
                ? (HttpStatusCode.OK, (JsonObject)obj.DeepClone())
                : NotFound(type, name);
        }
    }

    private (HttpStatusCode, JsonObject) CreateObject(KubernetesResourceType type, string ns, JsonObject obj)
    {
        var name = KubernetesObjects.Name(obj);
        if (name.Length == 0)
        {
            return StatusObject(HttpStatusCode.UnprocessableEntity, "Invalid", $"{type.Kind} \"\" is invalid: metadata.name: Required value");
        }

        lock (_gate)
        {
            if (_objects.ContainsKey((type.Plural, ns, name)))
            {
                return StatusObject(HttpStatusCode.Conflict, "AlreadyExists", $"{type.Plural}.{type.Group} \"{name}\" already exists");
            }

            obj["apiVersion"] = type.ApiVersion;
            obj["kind"] = type.Kind;
            obj.Remove("status"); // the status subresource: create ignores status
            var metadata = obj["metadata"] as JsonObject ?? [];
            obj["metadata"] = metadata;
            if (type.Namespaced)
            {
                metadata["namespace"] = ns;
            }
            else
            {
                metadata.Remove("namespace");
            }

            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["generation"] = 1;
            metadata["creationTimestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            metadata.Remove("deletionTimestamp");
            Commit(type, ns, name, obj, "ADDED");
            return (HttpStatusCode.Created, (JsonObject)obj.DeepClone());
        }
    }

    private (HttpStatusCode, JsonObject) Patch(KubernetesResourceType type, string ns, string name, JsonObject patch, bool status)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue((type.Plural, ns, name), out var current))
            {
                return NotFound(type, name);
            }

            if (KubernetesObjects.ResourceVersion(patch) is { } expected && expected != KubernetesObjects.ResourceVersion(current))
            {
                return StatusObject(HttpStatusCode.Conflict, "Conflict",
                    $"Operation cannot be fulfilled on {type.Plural}.{type.Group} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
            }

            var updated = (JsonObject)current.DeepClone();
            if (status)
            {
                // /status: only status changes; everything else in the patch is ignored.
                if (patch["status"] is { } statusPatch)
                {
                    updated["status"] = MergePatch.Apply(updated["status"], statusPatch);
                }
            }
            else
            {
                var filtered = (JsonObject)patch.DeepClone();
                filtered.Remove("status");
                if (filtered["metadata"] is JsonObject metadataPatch)
                {
                    foreach (var immutable in (string[])["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp"])
                    {
                        metadataPatch.Remove(immutable);
                    }
                }

                updated = (JsonObject)MergePatch.Apply(updated, filtered)!;
                if (KubernetesObjects.IsBeingDeleted(current)
                    && KubernetesObjects.Finalizers(updated).Except(KubernetesObjects.Finalizers(current)).Any())
                {
                    return StatusObject(HttpStatusCode.UnprocessableEntity, "Invalid", "no new finalizers can be added if the object is being deleted");
                }

                if (!JsonNode.DeepEquals(current["spec"], updated["spec"]))
                {
                    updated["metadata"]!["generation"] = KubernetesObjects.Generation(current) + 1;
                }
            }

            var comparableOld = (JsonObject)current.DeepClone();
            comparableOld["metadata"]!.AsObject().Remove("resourceVersion");
            var comparableNew = (JsonObject)updated.DeepClone();
            comparableNew["metadata"]!.AsObject().Remove("resourceVersion");
            if (JsonNode.DeepEquals(comparableOld, comparableNew))
            {
                return (HttpStatusCode.OK, (JsonObject)current.DeepClone()); // a no-op patch changes nothing, not even resourceVersion
            }

            if (KubernetesObjects.IsBeingDeleted(updated) && !HasFinalizers(updated))
            {
                _objects.Remove((type.Plural, ns, name));
                Commit(type, ns, name, updated, "DELETED");
                return (HttpStatusCode.OK, (JsonObject)updated.DeepClone());
            }

            Commit(type, ns, name, updated, "MODIFIED");
            return (HttpStatusCode.OK, (JsonObject)updated.DeepClone());
        }
    }

    private (HttpStatusCode, JsonObject) Delete(KubernetesResourceType type, string ns, string name)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue((type.Plural, ns, name), out var current))
            {
                return NotFound(type, name);
            }

            if (HasFinalizers(current))
            {
                if (!KubernetesObjects.IsBeingDeleted(current))
                {
                    var marked = (JsonObject)current.DeepClone();
                    marked["metadata"]!["deletionTimestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                    Commit(type, ns, name, marked, "MODIFIED");
                    return (HttpStatusCode.OK, (JsonObject)marked.DeepClone());
                }

                return (HttpStatusCode.OK, (JsonObject)current.DeepClone());
            }

            _objects.Remove((type.Plural, ns, name));
            var gone = (JsonObject)current.DeepClone();
            Commit(type, ns, name, gone, "DELETED");
            return StatusObject(HttpStatusCode.OK, null, "Success", "Success");
        }
    }

    /// <summary>Bumps the resourceVersion, stores (or, for DELETED, records) the object and tells the watchers. Under the lock.</summary>
    private void Commit(KubernetesResourceType type, string ns, string name, JsonObject obj, string eventType)
    {
        _resourceVersion++;
        obj["metadata"]!["resourceVersion"] = Rv(_resourceVersion);
        if (eventType != "DELETED")
        {
            _objects[(type.Plural, ns, name)] = obj;
        }

        var entry = (_resourceVersion, type.Plural, ns, eventType, (JsonObject)obj.DeepClone());
        _history.Add(entry);
        foreach (var watcher in _watchers)
        {
            watcher.Writer.TryWrite(entry);
        }
    }

    private async Task WatchAsync(HttpContext http, KubernetesResourceType type, string? ns)
    {
        var query = http.Request.Query;
        var bookmarks = query["allowWatchBookmarks"] == "true";
        var timeout = int.TryParse(query["timeoutSeconds"], out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(30);
        var from = query["resourceVersion"].ToString();
        var channel = Channel.CreateUnbounded<(long Rv, string Plural, string Namespace, string Type, JsonObject Object)>();
        var replay = new List<(long Rv, string Plural, string Namespace, string Type, JsonObject Object)>();
        long sent;
        lock (_gate)
        {
            if (from is "" or "0")
            {
                // "Any" version: the current state as ADDED events, then changes.
                foreach (var (key, obj) in _objects.Where(p => p.Key.Plural == type.Plural))
                {
                    replay.Add((_resourceVersion, key.Plural, key.Namespace, "ADDED", (JsonObject)obj.DeepClone()));
                }

                sent = _resourceVersion;
            }
            else if (!long.TryParse(from, out sent) || sent < _compactedBefore - 1)
            {
                sent = -1;
            }
            else
            {
                replay.AddRange(_history.Where(h => h.Rv > sent));
            }

            if (sent >= 0)
            {
                _watchers.Add(channel);
            }
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        if (sent < 0)
        {
            await WriteEventAsync(http, "ERROR", Gone(from));
            return;
        }

        using var timer = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, http.RequestAborted);
        try
        {
            await http.Response.Body.FlushAsync(linked.Token);
            foreach (var e in replay.Where(e => Matches(e, type, ns)))
            {
                await WriteEventAsync(http, e.Type, e.Object);
            }

            sent = replay.Count > 0 ? Math.Max(sent, replay.Max(e => e.Rv)) : sent;
            while (await channel.Reader.WaitToReadAsync(linked.Token))
            {
                while (channel.Reader.TryRead(out var e))
                {
                    if (e.Type == "BOOKMARK")
                    {
                        if (bookmarks)
                        {
                            await WriteEventAsync(http, "BOOKMARK", new JsonObject
                            {
                                ["kind"] = type.Kind,
                                ["apiVersion"] = type.ApiVersion,
                                ["metadata"] = new JsonObject { ["resourceVersion"] = Rv(e.Rv) },
                            });
                        }
                    }
                    else if (e.Rv > sent && Matches(e, type, ns))
                    {
                        await WriteEventAsync(http, e.Type, e.Object);
                        sent = e.Rv;
                    }
                }
            }
        }
        catch (GoneException)
        {
            await WriteEventAsync(http, "ERROR", Gone(Rv(sent)));
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds elapsed (the server ends the stream normally) or the client went away.
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }

    private static bool Matches((long Rv, string Plural, string Namespace, string Type, JsonObject Object) e, KubernetesResourceType type, string? ns) =>
        e.Plural == type.Plural && (ns is null || e.Namespace == ns);

    private static async Task WriteEventAsync(HttpContext http, string type, JsonObject obj)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString() + "\n";
        await http.Response.WriteAsync(line, Encoding.UTF8);
        await http.Response.Body.FlushAsync();
    }

    private static JsonObject Gone(string from) => StatusObject(HttpStatusCode.Gone, "Expired", $"too old resource version: {from}").Item2;

    private static bool HasFinalizers(JsonObject obj) => KubernetesObjects.Finalizers(obj).Count > 0;

    private static string Rv(long rv) => rv.ToString(CultureInfo.InvariantCulture);

    private static (HttpStatusCode, JsonObject) NotFound(KubernetesResourceType type, string name) =>
        StatusObject(HttpStatusCode.NotFound, "NotFound", $"{type.Plural}.{type.Group} \"{name}\" not found");

    private static (HttpStatusCode, JsonObject) StatusObject(HttpStatusCode code, string? reason, string message, string status = "Failure")
    {
        var body = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = status,
            ["message"] = message,
            ["code"] = (int)code,
        };
        if (reason is not null)
        {
            body["reason"] = reason;
        }

        return (code, body);
    }

    private static async Task WriteStatusAsync(HttpContext http, HttpStatusCode code, string reason, string message)
    {
        http.Response.StatusCode = (int)code;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(StatusObject(code, reason, message).Item2.ToJsonString());
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpContext http) =>
        (await JsonNode.ParseAsync(http.Request.Body)) as JsonObject ?? [];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class GoneException : Exception;
}
