using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CloudMesh.Api.Hosting;

/// <summary>
/// Binds Kestrel explicitly: the API on its URLs (HTTP/1.1 and HTTP/2) and the xDS server on its own endpoint
/// (HTTP/2 only, since gRPC over cleartext needs prior knowledge). Once any endpoint is bound in code Kestrel
/// ignores <c>--urls</c>, so the API's URLs are bound here too.
/// </summary>
public static class KestrelEndpoints
{
    /// <summary>Binds <paramref name="url"/> (<c>http(s)://host:port</c>; host <c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>localhost</c> or an IP).</summary>
    public static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols, Func<X509Certificate2>? certificate = null)
    {
        var uri = ParseUrl(url);
        var https = uri.Scheme == Uri.UriSchemeHttps;
        if (https && certificate is null)
        {
            throw new InvalidOperationException($"{url}: an https endpoint needs a certificate.");
        }

        void Configure(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen)
        {
            listen.Protocols = protocols;
            if (https)
            {
                listen.UseHttps(certificate!());
            }
        }

        var host = uri.Host.Trim('[', ']');
        switch (host)
        {
            case "*" or "+" or "0.0.0.0":
                kestrel.ListenAnyIP(uri.Port, Configure);
                break;
            case "localhost":
                kestrel.ListenLocalhost(uri.Port, Configure);
                break;
            default:
                kestrel.Listen(IPAddress.TryParse(host, out var address)
                    ? address
                    : throw new InvalidOperationException($"{url}: the host must be an IP address, localhost or *."), uri.Port, Configure);
                break;
        }
    }

    /// <summary>Parses and checks one URL (http or https with an explicit port).</summary>
    public static Uri ParseUrl(string url)
    {
        // "*" and "+" are not valid URI hosts; read them as "any address".
        var normalized = url.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/")
        {
            throw new InvalidOperationException($"'{url}' is not an http:// or https:// URL of the form scheme://host:port.");
        }

        return uri;
    }

    /// <summary>Loads a PEM certificate and key (the xDS listener's TLS identity).</summary>
    public static X509Certificate2 LoadPem(string certificateFile, string? keyFile)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        // Re-import so the key is usable by SslStream on every platform (PEM keys are ephemeral otherwise).
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
