using System.Security.Cryptography.X509Certificates;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace CloudMesh.Grpc.Server;

/// <summary>
/// The <see cref="AuthContext"/> of a call from its connection, with gRPC's property names: a TLS client
/// certificate authenticates the peer by its DNS subject alternative names, or else its common name.
/// </summary>
internal static class TlsAuthContext
{
    public const string TransportSecurityType = "transport_security_type";
    public const string CommonName = "x509_common_name";
    public const string SubjectAlternativeName = "x509_subject_alternative_name";

    public static AuthContext From(HttpContext httpContext)
    {
        var properties = new Dictionary<string, List<AuthProperty>>();
        if (!httpContext.Request.IsHttps)
        {
            return new AuthContext(null, properties);
        }

        Add(properties, TransportSecurityType, "ssl");
        var certificate = httpContext.Connection.ClientCertificate;
        if (certificate is null)
        {
            return new AuthContext(null, properties);
        }

        var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!string.IsNullOrEmpty(commonName))
        {
            Add(properties, CommonName, commonName);
        }

        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                foreach (var dnsName in san.EnumerateDnsNames())
                {
                    Add(properties, SubjectAlternativeName, dnsName);
                }
            }
        }

        var identity = properties.ContainsKey(SubjectAlternativeName) ? SubjectAlternativeName
            : properties.ContainsKey(CommonName) ? CommonName
            : null;
        return new AuthContext(identity, properties);
    }

    private static void Add(Dictionary<string, List<AuthProperty>> properties, string name, string value)
    {
        if (!properties.TryGetValue(name, out var list))
        {
            properties[name] = list = [];
        }

        list.Add(AuthProperty.Create(name, Encoding.UTF8.GetBytes(value)));
    }
}
