using System.Globalization;
using System.Text.Json;
using CloudMesh.Proxy.DataPlane;

namespace CloudMesh.Proxy.Admin;

/// <summary>
/// <c>/certs</c> in Envoy's shape (envoy.admin.v3.Certificates): per TLS context its <c>ca_cert</c> and
/// <c>cert_chain</c> with path, serial number, SANs, validity and days until expiration (uint64 as a string, as
/// protobuf JSON writes it); a <c>resource</c> member names the listener chain or cluster.
/// </summary>
internal static class CertificatesReport
{
    public static void Write(Utf8JsonWriter json, IReadOnlyList<TlsContextCertificates> contexts, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteStartArray("certificates");
        foreach (var context in contexts)
        {
            json.WriteStartObject();
            json.WriteString("resource", context.Resource);
            WriteList(json, "ca_cert", context.CaCertificates, now);
            WriteList(json, "cert_chain", context.CertificateChain, now);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<CertificateDetails> certificates, DateTimeOffset now)
    {
        json.WriteStartArray(name);
        foreach (var certificate in certificates)
        {
            json.WriteStartObject();
            json.WriteString("path", certificate.Path);
            json.WriteString("serial_number", certificate.SerialNumber);
            json.WriteStartArray("subject_alt_names");
            foreach (var (type, value) in certificate.SubjectAltNames)
            {
                json.WriteStartObject();
                json.WriteString(type, value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            var days = Math.Max(0, (long)Math.Floor((certificate.ExpirationTime - now).TotalDays));
            json.WriteString("days_until_expiration", days.ToString(CultureInfo.InvariantCulture));
            json.WriteString("valid_from", certificate.ValidFrom.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("expiration_time", certificate.ExpirationTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
