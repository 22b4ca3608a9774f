using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace CloudMesh.Proxy.DataPlane.Runtime;

/// <summary>
/// Kestrel serves HTTP/1.1 and HTTP/2 on one cleartext endpoint only as HTTP/1.1 (without ALPN it cannot tell them
/// apart). The listener sniffs the HTTP/2 preface itself, and for such a connection presents the features Kestrel
/// reads for its protocol choice as if ALPN had negotiated "h2". No TLS is involved: the connection stays cleartext,
/// and the requests' :scheme (http) is kept because the server allows alternate schemes.
/// </summary>
internal static class H2cPriorKnowledge
{
    private static readonly ReadOnlyMemory<byte> H2 = "h2"u8.ToArray();

    public static void Enable(ConnectionContext connection)
    {
        connection.Features.Set<ITlsConnectionFeature>(Marker.Instance);
        connection.Features.Set<ITlsApplicationProtocolFeature>(Marker.Instance);
    }

    private sealed class Marker : ITlsConnectionFeature, ITlsApplicationProtocolFeature
    {
        public static Marker Instance { get; } = new();

        public X509Certificate2? ClientCertificate { get; set; }

        public ReadOnlyMemory<byte> ApplicationProtocol => H2;

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult<X509Certificate2?>(null);
    }
}
