using System.Net;
using System.Net.Sockets;

namespace CloudMesh.Proxy.DataPlane.Tests.Support;

/// <summary>A TCP server on a free loopback port that writes back every byte it reads, prefixed once with a greeting.</summary>
public sealed class TcpEchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    public TcpEchoServer(string greeting = "")
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(greeting);
    }

    public int Port { get; }

    private async Task AcceptAsync(string greeting)
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        var stream = client.GetStream();
                        try
                        {
                            if (greeting.Length > 0)
                            {
                                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(greeting));
                            }

                            await stream.CopyToAsync(stream);
                        }
                        catch (IOException)
                        {
                        }
                    }
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }
}
