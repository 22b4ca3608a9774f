using System.Collections.Concurrent;
using CloudMesh.Grpc.Client;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grpc.Net.Client;

/// <summary>
/// A gRPC channel over HTTP/2 on <see cref="HttpClient"/>/<see cref="SocketsHttpHandler"/>: <c>http://</c>
/// addresses use h2c with prior knowledge, <c>https://</c> addresses TLS with ALPN. Thread-safe; create one per
/// target and share it.
/// </summary>
public sealed class GrpcChannel : ChannelBase, IDisposable
{
    private readonly HttpMessageInvoker _httpInvoker;
    private readonly bool _disposeHttpInvoker;
    private readonly ConcurrentDictionary<string, Uri> _methodUris = new(StringComparer.Ordinal);
    private readonly HttpClientCallInvoker _callInvoker;
    private bool _disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
        : base(address.Authority)
    {
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Address '{address}' is not http:// or https://.", nameof(address));
        }

        if (options.HttpClient is not null && options.HttpHandler is not null)
        {
            throw new ArgumentException("GrpcChannelOptions.HttpClient and HttpHandler cannot both be set.", nameof(options));
        }

        Address = address;
        Options = options;
        IsSecure = address.Scheme == Uri.UriSchemeHttps;
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Grpc.Net.Client.Internal.GrpcCall");
        if (options.HttpClient is not null)
        {
            _httpInvoker = options.HttpClient;
            _disposeHttpInvoker = options.DisposeHttpClient;
        }
        else if (options.HttpHandler is not null)
        {
            _httpInvoker = new HttpMessageInvoker(options.HttpHandler, disposeHandler: options.DisposeHttpClient);
            _disposeHttpInvoker = true;
        }
        else
        {
            _httpInvoker = new HttpMessageInvoker(new SocketsHttpHandler
            {
                // One HTTP/2 connection carries at most the server's stream limit (often 100); open more when full.
                EnableMultipleHttp2Connections = true,
                AllowAutoRedirect = false,
                UseCookies = false,
            });
            _disposeHttpInvoker = true;
        }

        _callInvoker = new HttpClientCallInvoker(this);
    }

    /// <summary>The server's base address.</summary>
    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }

    internal bool IsSecure { get; }

    internal ILogger Logger { get; }

    /// <summary>Creates a channel to <paramref name="address"/> with default options.</summary>
    public static GrpcChannel ForAddress(string address) => ForAddress(new Uri(address), new GrpcChannelOptions());

    /// <summary>Creates a channel to <paramref name="address"/>.</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions channelOptions) => ForAddress(new Uri(address), channelOptions);

    /// <summary>Creates a channel to <paramref name="address"/> with default options.</summary>
    public static GrpcChannel ForAddress(Uri address) => ForAddress(address, new GrpcChannelOptions());

    /// <summary>Creates a channel to <paramref name="address"/>.</summary>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions channelOptions)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(channelOptions);
        return new GrpcChannel(address, channelOptions);
    }

    /// <inheritdoc />
    public override CallInvoker CreateCallInvoker()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _callInvoker;
    }

    /// <summary>Releases the HTTP handler the channel created (or was told to dispose); calls in flight fail.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_disposeHttpInvoker)
        {
            _httpInvoker.Dispose();
        }
    }

    /// <inheritdoc />
    protected override Task ShutdownAsyncCore()
    {
        Dispose();
        return Task.CompletedTask;
    }

    internal Uri GetMethodUri(IMethod method) =>
        _methodUris.GetOrAdd(method.FullName, static (fullName, address) => new Uri(address, fullName), Address);

    /// <summary>Sends a request and returns at its response headers; the body streams afterwards.</summary>
    internal Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        // HttpClient.SendAsync(request, token) would buffer the whole response body; a stream must not be buffered.
        return _httpInvoker is HttpClient client
            ? client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            : _httpInvoker.SendAsync(request, cancellationToken);
    }
}
