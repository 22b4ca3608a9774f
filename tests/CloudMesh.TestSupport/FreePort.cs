using System.Net;
using System.Net.Sockets;

namespace CloudMesh.TestSupport;

/// <summary>Free TCP ports on 127.0.0.1 for servers a test starts.</summary>
public static class FreePort
{
    /// <summary>A port that was free on 127.0.0.1 a moment ago (another process may still take it).</summary>
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
