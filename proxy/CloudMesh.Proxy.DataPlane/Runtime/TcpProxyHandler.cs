using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using CloudMesh.Proxy.DataPlane.Translation;
using Microsoft.AspNetCore.Connections;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>
/// Envoy's tcp_proxy: picks a cluster (weighted) and a host (the original destination for ORIGINAL_DST clusters),
/// connects, and pumps bytes both ways until either side closes or the connection stays idle past the idle timeout.
/// </summary>
internal sealed class TcpProxyHandler(RuntimeHolder runtime, AccessLogWriter accessLogs)
{
    public async Task HandleAsync(ConnectionContext connection, TcpChainPlan tcp, IPEndPoint? originalDestination)
    {
        var record = new RequestRecord { StartTime = DateTimeOffset.UtcNow };
        var started = Stopwatch.GetTimestamp();
        long received = 0, sent = 0;
        try
        {
            var clusterName = tcp.Targets.Pick();
            record.Cluster = clusterName;
            if (!runtime.Current.Clusters.TryGetValue(clusterName, out var cluster))
            {
                record.Flags = "NC";
                return;
            }

            Interlocked.Increment(ref cluster.Counters.TcpConnections);
            var endpoint = cluster.Pick(originalDestination);
            if (endpoint is null)
            {
                record.Flags = "UH";
                return;
            }

            record.UpstreamHost = endpoint.Address.ToString();
            using var socket = new Socket(endpoint.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
            {
                connectTimeout.CancelAfter(cluster.Plan.ConnectTimeout);
                try
                {
                    await socket.ConnectAsync(endpoint.Address, connectTimeout.Token);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    record.Flags = "UF";
                    Interlocked.Increment(ref cluster.Counters.ConnectFailures);
                    cluster.Report(endpoint, true);
                    return;
                }
            }

            Interlocked.Increment(ref cluster.Counters.ConnectionsTotal);
            Interlocked.Increment(ref cluster.Counters.ConnectionsActive);
            try
            {
                Stream upstream = new NetworkStream(socket, ownsSocket: false);
                if (cluster.Plan.Tls is not null)
                {
                    using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
                    handshakeTimeout.CancelAfter(cluster.Plan.ConnectTimeout);
                    try
                    {
                        upstream = await cluster.SecureAsync(upstream, null, handshakeTimeout.Token);
                    }
                    catch (Exception e) when (e is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException or Tls.TlsMaterialException)
                    {
                        record.Flags = "UF";
                        Interlocked.Increment(ref cluster.Counters.ConnectFailures);
                        cluster.Report(endpoint, true);
                        return;
                    }
                }

                await using (upstream)
                {
                    (received, sent) = await PumpAsync(connection.Transport, upstream, socket, tcp.IdleTimeout, connection.ConnectionClosed);
                }
            }
            finally
            {
                Interlocked.Decrement(ref cluster.Counters.ConnectionsActive);
            }
        }
        finally
        {
            record.DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (tcp.AccessLogs.Count > 0)
            {
                accessLogs.WriteTcp(tcp.AccessLogs, record, received, sent);
            }
        }
    }

    private static async Task<(long Received, long Sent)> PumpAsync(IDuplexPipe downstream, Stream upstream, Socket socket, TimeSpan? idleTimeout, CancellationToken closed)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(closed);
        long lastActivity = Environment.TickCount64;
        long received = 0, sent = 0;

        async Task Up()
        {
            // Downstream → upstream; a half-close is passed on as a FIN.
            var buffer = new byte[16 * 1024];
            try
            {
                await using var input = downstream.Input.AsStream(leaveOpen: true);
                int read;
                while ((read = await input.ReadAsync(buffer, stop.Token)) > 0)
                {
                    Volatile.Write(ref lastActivity, Environment.TickCount64);
                    received += read;
                    await upstream.WriteAsync(buffer.AsMemory(0, read), stop.Token);
                }

                if (upstream is System.Net.Security.SslStream ssl)
                {
                    // TLS ends its half with close_notify before the FIN.
                    await ssl.ShutdownAsync();
                }

                socket.Shutdown(SocketShutdown.Send);
            }
            catch
            {
                // The client reset or the upstream refused more bytes: end both sides.
                await stop.CancelAsync();
                throw;
            }
        }

        async Task Down()
        {
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await upstream.ReadAsync(buffer, stop.Token)) > 0)
            {
                Volatile.Write(ref lastActivity, Environment.TickCount64);
                sent += read;
                await downstream.Output.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            }

            await downstream.Output.CompleteAsync();
        }

        var up = Up();
        var down = Down();
        var watchdog = idleTimeout is { } idle ? Watch(idle) : Task.Delay(Timeout.Infinite, stop.Token);

        async Task Watch(TimeSpan idle)
        {
            while (!stop.IsCancellationRequested)
            {
                var quiet = TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref lastActivity));
                if (quiet >= idle)
                {
                    await stop.CancelAsync();
                    return;
                }

                await Task.Delay(idle - quiet, stop.Token);
            }
        }

        try
        {
            // The connection ends when the upstream finishes sending, or on an error or the idle timeout.
            await Task.WhenAny(down, watchdog);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await Task.WhenAll(up, down).WaitAsync(TimeSpan.FromSeconds(1));
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or TimeoutException or ObjectDisposedException or InvalidOperationException)
            {
                // One side failed or was cut at the idle timeout: the connection is over either way.
            }

            try
            {
                await watchdog;
            }
            catch (OperationCanceledException)
            {
            }
        }

        return (received, sent);
    }
}
