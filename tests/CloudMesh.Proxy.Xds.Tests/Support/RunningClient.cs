using CloudMesh.Proxy.Xds.Configuration;
using CloudMesh.TestSupport;
using Envoy.Config.Core.V3;

namespace CloudMesh.Proxy.Xds.Tests.Support;

/// <summary>An <see cref="XdsClient"/> running in the background until disposed; disposing checks it stopped cleanly.</summary>
internal sealed class RunningClient : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private RunningClient(XdsClient client, RecordingStateHandler handler)
    {
        Client = client;
        Handler = handler;
        _run = Task.Run(() => client.RunAsync(_stop.Token));
    }

    public XdsClient Client { get; }

    public RecordingStateHandler Handler { get; }

    public Task Run => _run;

    /// <summary>Options for the shop's "front" proxy with the valid token and fast reconnects.</summary>
    public static XdsClientOptions Options(
        Uri address, string? statePath = null, string token = TestTokens.Valid, Node? node = null, HttpMessageHandler? httpHandler = null) =>
        new XdsClientOptions
        {
            ControlPlaneAddress = address,
            Node = node ?? XdsNodeFactory.Create(ShopMesh.FrontNodeId),
            StatePath = statePath,
            HttpHandler = httpHandler,
            InitialReconnectDelay = TimeSpan.FromMilliseconds(50),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
        }.WithBearerToken(token);

    public static RunningClient Start(XdsClientOptions options, RecordingStateHandler? handler = null)
    {
        handler ??= new RecordingStateHandler();
        return new RunningClient(new XdsClient(options, handler), handler);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(Eventually.SafetyTimeout);
        _stop.Dispose();
        Assert.Equal(0, Handler.ConcurrentCalls);
        Assert.False(Client.Status.Connected);
    }
}
