using Grpc.Core;

namespace CloudMesh.ControlPlane.Tests.Support;

/// <summary>One ADS call through the CloudMesh.Grpc client, with safety timeouts on every read.</summary>
internal sealed class AdsStream<TRequest, TResponse>(AsyncDuplexStreamingCall<TRequest, TResponse> call) : IDisposable
{
    public Task SendAsync(TRequest request) => call.RequestStream.WriteAsync(request);

    public async Task<TResponse> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Eventually.SafetyTimeout);
        if (!await call.ResponseStream.MoveNext(timeout.Token))
        {
            throw new InvalidOperationException($"The server ended the stream: {call.GetStatus()}");
        }

        return call.ResponseStream.Current;
    }

    /// <summary>The error the server ends the call with (the call must fail).</summary>
    public async Task<RpcException> FailureAsync()
    {
        using var timeout = new CancellationTokenSource(Eventually.SafetyTimeout);
        return await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(timeout.Token))
            {
            }
        });
    }

    public Task CloseAsync() => call.RequestStream.CompleteAsync();

    public void Dispose() => call.Dispose();
}
