using System.Net;
using System.Net.Sockets;

namespace CloudMesh.EmbeddedPostgres;

/// <summary>Picks a TCP port that is free on 127.0.0.1 right now.</summary>
internal static class LoopbackPort
{
    /// <summary>A port the kernel just handed out; another process may still take it before the server binds.</summary>
    public static int GetFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
