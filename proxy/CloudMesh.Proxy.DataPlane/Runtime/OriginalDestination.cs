using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>
/// The destination a connection had before iptables redirected it to the proxy: Linux's SO_ORIGINAL_DST
/// (getsockopt level SOL_IP / SOL_IPV6, option 80). Null when the connection was not redirected (the
/// destination is the listener itself) or the platform cannot tell.
/// </summary>
internal static class OriginalDestination
{
    private const int SolIp = 0;
    private const int SolIpv6 = 41;
    private const int SoOriginalDst = 80;

    public static IPEndPoint? Of(Socket? socket)
    {
        if (socket is null || !OperatingSystem.IsLinux() || socket.LocalEndPoint is not IPEndPoint local)
        {
            return null;
        }

        var original = Read(socket, local.AddressFamily == AddressFamily.InterNetworkV6);
        if (original is null || original.Equals(local) || (original.Port == local.Port && Same(original.Address, local.Address)))
        {
            return null;
        }

        return original;
    }

    private static IPEndPoint? Read(Socket socket, bool ipv6)
    {
        Span<byte> buffer = stackalloc byte[28];
        try
        {
            // IPv4 (and IPv4-mapped) connections answer at SOL_IP; native IPv6 ones at SOL_IPV6.
            var length = TryGet(socket, SolIp, buffer);
            if (length < 8 && ipv6)
            {
                length = TryGet(socket, SolIpv6, buffer);
            }

            if (length < 8)
            {
                return null;
            }

            var family = BinaryPrimitives.ReadUInt16LittleEndian(buffer);
            var port = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
            return family switch
            {
                2 => new IPEndPoint(new IPAddress(buffer.Slice(4, 4)), port),
                10 when length >= 24 => new IPEndPoint(new IPAddress(buffer.Slice(8, 16)), port),
                _ => null,
            };
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static int TryGet(Socket socket, int level, Span<byte> buffer)
    {
        try
        {
            return socket.GetRawSocketOption(level, SoOriginalDst, buffer);
        }
        catch (SocketException)
        {
            return 0;
        }
    }

    private static bool Same(IPAddress a, IPAddress b) =>
        (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).Equals(b.IsIPv4MappedToIPv6 ? b.MapToIPv4() : b);
}
