using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudMesh.Kubernetes.Client;

/// <summary>
/// A small typed client for the Kubernetes REST API, just what a controller needs: list, watch from a
/// resourceVersion, get, create, delete, and JSON merge patches of an object and of its <c>/status</c> subresource.
/// Objects stay <see cref="JsonObject"/>s: custom resources are open-ended and the translation works on JSON.
/// Thread-safe; one instance per API server.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private const string MergePatch = "application/merge-patch+json";
    private readonly HttpClient _http;
    private readonly KubernetesClientOptions _options;
    private string? _token;
    private DateTime _tokenWritten;

    /// <summary>Creates a client; <paramref name="handler"/> replaces the default one (which trusts the configured CA).</summary>
    public KubernetesClient(KubernetesClientOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _http = new HttpClient(handler ?? CreateHandler(options)) { BaseAddress = options.Server, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The API server.</summary>
    public Uri Server => _options.Server;

    /// <summary>
    /// A handler that trusts only <see cref="KubernetesClientOptions.CertificateAuthorityFile"/> when one is set (as
    /// client-go does with the service account's <c>ca.crt</c>), else the system store.
    /// </summary>
    public static HttpMessageHandler CreateHandler(KubernetesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (options.CertificateAuthorityFile is { } caFile)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(caFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }

        return handler;
    }

    /// <summary>Lists the objects of <paramref name="type"/> in <paramref name="ns"/> (all namespaces when null).</summary>
    public async Task<KubernetesList> ListAsync(KubernetesResourceType type, string? ns, CancellationToken ct, string? labelSelector = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        var query = labelSelector is null ? "" : "?labelSelector=" + Uri.EscapeDataString(labelSelector);
        var list = await SendAsync(HttpMethod.Get, type.CollectionPath(ns) + query, null, null, ct)
            ?? throw new KubernetesApiException(HttpStatusCode.NotFound, "NotFound", $"{type.Plural} not found");
        var items = new List<JsonObject>();
        foreach (var item in list["items"] as JsonArray ?? [])
        {
            if (item is JsonObject obj)
            {
                // List items omit apiVersion and kind; fill them in so items and watched objects look alike.
                obj["apiVersion"] ??= type.ApiVersion;
                obj["kind"] ??= type.Kind;
                items.Add((JsonObject)obj.DeepClone());
            }
        }

        return new KubernetesList(items, list["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "");
    }

    /// <summary>
    /// Watches <paramref name="type"/> from <paramref name="resourceVersion"/> (with bookmarks) until the server ends
    /// the stream (after <paramref name="timeout"/>, or earlier) or <paramref name="ct"/> is cancelled. A stale
    /// resourceVersion comes back as an <see cref="WatchEventType.Error"/> event with code 410, or a
    /// <see cref="KubernetesApiException"/> with <see cref="KubernetesApiException.IsGone"/>: list again.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(
        KubernetesResourceType type, string? ns, string resourceVersion, TimeSpan timeout, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(type);
        var path = $"{type.CollectionPath(ns)}?watch=true&allowWatchBookmarks=true&resourceVersion={Uri.EscapeDataString(resourceVersion)}" +
                   $"&timeoutSeconds={(int)Math.Max(1, timeout.TotalSeconds)}";
        using var request = await RequestAsync(HttpMethod.Get, path, null, null);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, ct);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var node = JsonNode.Parse(line);
            if (WatchEvent.ParseType(node?["type"]?.GetValue<string>()) is not { } eventType || node?["object"] is not JsonObject obj)
            {
                continue; // an event type this client does not know: skip it, as client-go's decoder does not
            }

            obj.Parent?.AsObject().Remove("object");
            if (eventType is not (WatchEventType.Error or WatchEventType.Bookmark))
            {
                obj["apiVersion"] ??= type.ApiVersion;
                obj["kind"] ??= type.Kind;
            }

            yield return new WatchEvent(eventType, obj);
        }
    }

    /// <summary>Gets one object; null when it does not exist.</summary>
    public Task<JsonObject?> GetAsync(KubernetesResourceType type, string? ns, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(type);
        return SendAsync(HttpMethod.Get, type.ObjectPath(ns, name), null, null, ct);
    }

    /// <summary>Creates an object in its metadata.namespace; returns it as stored.</summary>
    public async Task<JsonObject> CreateAsync(KubernetesResourceType type, JsonObject obj, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(obj);
        var ns = obj["metadata"]?["namespace"]?.GetValue<string>();
        return await SendAsync(HttpMethod.Post, type.CollectionPath(type.Namespaced ? ns ?? "default" : null), obj, "application/json", ct)
            ?? throw new KubernetesApiException(HttpStatusCode.NotFound, "NotFound", $"{type.Plural} not found");
    }

    /// <summary>
    /// Applies a JSON merge patch (RFC 7386) to an object (metadata and spec; a status in it is ignored by servers
    /// that have a status subresource). Put metadata.resourceVersion in the patch to make it conditional (409 when the
    /// object changed). Returns the patched object.
    /// </summary>
    public Task<JsonObject> PatchAsync(KubernetesResourceType type, string? ns, string name, JsonObject patch, CancellationToken ct) =>
        PatchPathAsync(type.ObjectPath(ns, name), patch, ct);

    /// <summary>Applies a JSON merge patch to the object's <c>/status</c> subresource; returns the patched object.</summary>
    public Task<JsonObject> PatchStatusAsync(KubernetesResourceType type, string? ns, string name, JsonObject patch, CancellationToken ct) =>
        PatchPathAsync(type.ObjectPath(ns, name) + "/status", patch, ct);

    /// <summary>
    /// Deletes an object; true when it was deleted or marked for deletion (an object with finalizers stays, with
    /// metadata.deletionTimestamp set, until they are removed), false when it did not exist.
    /// </summary>
    public async Task<bool> DeleteAsync(KubernetesResourceType type, string? ns, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(type);
        return await SendAsync(HttpMethod.Delete, type.ObjectPath(ns, name), null, null, ct) is not null;
    }

    private async Task<JsonObject> PatchPathAsync(string path, JsonObject patch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return await SendAsync(HttpMethod.Patch, path, patch, MergePatch, ct)
            ?? throw new KubernetesApiException(HttpStatusCode.NotFound, "NotFound", $"{path} not found");
    }

    /// <summary>Sends a request; the JSON body of a success, null for 404, else throws the Status as an exception.</summary>
    private async Task<JsonObject?> SendAsync(HttpMethod method, string path, JsonObject? body, string? contentType, CancellationToken ct)
    {
        using var request = await RequestAsync(method, path, body, contentType);
        using var response = await _http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, ct);
        }

        var text = await response.Content.ReadAsStringAsync(ct);
        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
    }

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, JsonObject? body, string? contentType)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (await TokenAsync() is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }

        return request;
    }

    private async Task<string?> TokenAsync()
    {
        if (_options.TokenFile is not { } file)
        {
            return _options.Token;
        }

        var written = File.GetLastWriteTimeUtc(file);
        if (_token is null || written != _tokenWritten)
        {
            _token = (await File.ReadAllTextAsync(file)).Trim();
            _tokenWritten = written;
        }

        return _token;
    }

    private static async Task<KubernetesApiException> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var raw = await response.Content.ReadAsStringAsync(ct);
        JsonNode? status = null;
        try
        {
            status = raw.Length > 0 ? JsonNode.Parse(raw) : null;
        }
        catch (JsonException)
        {
            // Not a Status object (a proxy's error page): the raw text is the message.
        }

        return KubernetesApiException.FromStatus(response.StatusCode, status, raw);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
