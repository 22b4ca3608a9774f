using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CloudMesh.Proxy.DataPlane.Translation;

namespace CloudMesh.Proxy.DataPlane.Tls;

/// <summary>
/// A certificate's subject alternative names (the 2.5.29.17 extension, read with the ASN.1 reader: .NET exposes DNS
/// names and IP addresses but not URIs such as SPIFFE ids), and Envoy's SAN matching over them.
/// </summary>
internal static class SubjectAltNames
{
    private const string ExtensionOid = "2.5.29.17";

    /// <summary>Every DNS, URI, email and IP address SAN of <paramref name="certificate"/>.</summary>
    public static List<(SanKind Kind, string Value)> Read(X509Certificate2 certificate)
    {
        var names = new List<(SanKind, string)>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != ExtensionOid)
            {
                continue;
            }

            try
            {
                var sequence = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
                while (sequence.HasData)
                {
                    var tag = sequence.PeekTag();
                    if (tag.TagClass != TagClass.ContextSpecific)
                    {
                        sequence.ReadEncodedValue();
                        continue;
                    }

                    switch (tag.TagValue)
                    {
                        case 1:
                            names.Add((SanKind.Email, sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag)));
                            break;
                        case 2:
                            names.Add((SanKind.Dns, sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag)));
                            break;
                        case 6:
                            names.Add((SanKind.Uri, sequence.ReadCharacterString(UniversalTagNumber.IA5String, tag)));
                            break;
                        case 7:
                            names.Add((SanKind.IpAddress, new IPAddress(sequence.ReadOctetString(tag)).ToString()));
                            break;
                        default:
                            sequence.ReadEncodedValue();
                            break;
                    }
                }
            }
            catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException)
            {
                // A malformed extension matches nothing.
            }
        }

        return names;
    }

    /// <summary>True when no matcher is given, or some SAN of the right type passes some matcher (Envoy's rule).</summary>
    public static bool Match(X509Certificate2 certificate, IReadOnlyList<SanMatcherPlan> matchers)
    {
        if (matchers.Count == 0)
        {
            return true;
        }

        var names = Read(certificate);
        foreach (var matcher in matchers)
        {
            foreach (var (kind, value) in names)
            {
                if (matcher.Kind != SanKind.Any && matcher.Kind != kind)
                {
                    continue;
                }

                if (matcher.Condition.Matches(value) || (kind == SanKind.Dns && WildcardMatches(value, matcher.Condition)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Envoy's DNS SAN rule: a certificate's "*.example.com" matches an exact "a.example.com" (one label).</summary>
    private static bool WildcardMatches(string san, ValueCondition condition)
    {
        if (condition.Kind != ValueMatchKind.Exact || !san.StartsWith("*.", StringComparison.Ordinal))
        {
            return false;
        }

        var expected = condition.Value;
        var dot = expected.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && string.Equals(expected[dot..], san[1..], StringComparison.OrdinalIgnoreCase);
    }
}
