using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudMesh.Pulumi.Provider.Hosting;

/// <summary>
/// Stops the plugin when the engine that started it goes away, as Pulumi plugins do: the engine passes its gRPC
/// address as the first argument (or later through Attach), and this probes it with a TCP connect every
/// <see cref="Interval"/>; after <see cref="AllowedFailures"/> refused probes in a row the application stops, so an
/// engine that crashed does not leave providers behind.
/// </summary>
internal sealed class EngineWatch(IHostApplicationLifetime lifetime, ILogger<EngineWatch> logger) : IDisposable
{
    /// <summary>The time between probes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive failed probes that mean the engine is gone.</summary>
    public const int AllowedFailures = 3;

    private readonly CancellationTokenSource _stop = new();
    private int _watching;

    /// <summary>Starts watching <paramref name="address"/> (host:port); later calls are ignored.</summary>
    public void Watch(string address)
    {
        if (string.IsNullOrWhiteSpace(address) || Interlocked.Exchange(ref _watching, 1) == 1)
        {
            return;
        }

        var separator = address.LastIndexOf(':');
        if (separator <= 0 || !int.TryParse(address.AsSpan(separator + 1), out var port))
        {
            logger.LogWarning("Not watching the engine: '{Address}' is not host:port", address);
            return;
        }

        var host = address[..separator].Trim('[', ']');
        _ = Task.Run(() => WatchAsync(host, port, _stop.Token));
    }

    private async Task WatchAsync(string host, int port, CancellationToken ct)
    {
        var failures = 0;
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            try
            {
                using var client = new TcpClient();
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(Interval);
                await client.ConnectAsync(host, port, attempt.Token);
                failures = 0;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                if (++failures >= AllowedFailures)
                {
                    logger.LogWarning("The engine at {Host}:{Port} is gone; stopping", host, port);
                    lifetime.StopApplication();
                    return;
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
