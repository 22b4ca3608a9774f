using System.Net;
using System.Net.Sockets;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>Active health checking: every interval, each host is probed (HTTP GET expecting 200, or a TCP connect).</summary>
internal sealed partial class ClusterRuntime
{
    private async Task HealthCheckLoopAsync(CancellationToken cancellationToken)
    {
        var check = Plan.HealthCheck!;
        // Probes travel over the cluster's transport socket (TLS included), as Envoy's do.
        var handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false };
        if (Plan.Tls is not null)
        {
            handler.ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }

                return await SecureAsync(new NetworkStream(socket, ownsSocket: true), check.Http2, token);
            };
        }

        using var client = new HttpClient(handler)
        {
            Timeout = check.Timeout,
            DefaultRequestVersion = check.Http2 ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        while (!cancellationToken.IsCancellationRequested)
        {
            var endpoints = _endpoints.Distinct().ToArray();
            await Task.WhenAll(endpoints.Select(e => ProbeAsync(client, e, check, cancellationToken)));
            try
            {
                await Task.Delay(check.Interval, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task ProbeAsync(HttpClient client, UpstreamEndpoint endpoint, Translation.HealthCheckPlan check, CancellationToken cancellationToken)
    {
        bool passed;
        try
        {
            if (check.HttpPath is { } path)
            {
                using var response = await client.GetAsync(endpoint.Prefix + path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                passed = response.StatusCode == HttpStatusCode.OK;
            }
            else
            {
                using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(check.Timeout);
                await socket.ConnectAsync(endpoint.Address, timeout.Token);
                passed = true;
            }
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException or OperationCanceledException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            passed = false;
        }

        if (passed)
        {
            endpoint.HealthCheckFailures = 0;
            if (++endpoint.HealthCheckSuccesses >= check.HealthyThreshold)
            {
                endpoint.Healthy = true;
            }
        }
        else
        {
            endpoint.HealthCheckSuccesses = 0;
            if (++endpoint.HealthCheckFailures >= check.UnhealthyThreshold)
            {
                endpoint.Healthy = false;
            }
        }
    }
}
