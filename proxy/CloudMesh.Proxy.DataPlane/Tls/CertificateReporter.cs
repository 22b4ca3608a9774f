using System.Security.Cryptography.X509Certificates;
using CloudMesh.Proxy.DataPlane.Translation;

namespace CloudMesh.Proxy.DataPlane.Tls;

/// <summary>The certificates every TLS context of a plan uses now, for the admin port's <c>/certs</c>.</summary>
internal static class CertificateReporter
{
    public static List<TlsContextCertificates> Report(DataPlanePlan plan, TlsMaterialCache material)
    {
        var report = new List<TlsContextCertificates>();
        foreach (var (name, listener) in plan.Listeners.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            foreach (var chain in listener.Chains.Append(listener.DefaultChain))
            {
                if (chain?.Tls is { } tls)
                {
                    report.Add(new TlsContextCertificates($"listener {name}, filter chain {chain.Name}", Trust(tls.Validation, material), Chain(tls.Certificate, material)));
                }
            }
        }

        foreach (var (name, cluster) in plan.Clusters.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (cluster.Tls is { } tls)
            {
                report.Add(new TlsContextCertificates($"cluster {name}", Trust(tls.Validation, material), tls.ClientCertificate is { } files ? Chain(files, material) : []));
            }
        }

        return report;
    }

    private static List<CertificateDetails> Trust(PeerValidationPlan? validation, TlsMaterialCache material)
    {
        if (validation?.TrustedCaPath is not { } path)
        {
            return [];
        }

        try
        {
            return material.TrustBundle(path).Select(c => Details(path, c)).ToList();
        }
        catch (TlsMaterialException)
        {
            return [];
        }
    }

    private static List<CertificateDetails> Chain(CertificateFilesPlan files, TlsMaterialCache material)
    {
        try
        {
            var certificate = material.Certificate(files);
            return new[] { certificate.Leaf }.Concat(certificate.Intermediates).Select(c => Details(files.ChainPath, c)).ToList();
        }
        catch (TlsMaterialException)
        {
            return [];
        }
    }

    private static CertificateDetails Details(string path, X509Certificate2 certificate) => new(
        path,
        certificate.SerialNumber.ToLowerInvariant(),
        SubjectAltNames.Read(certificate).Select(n => KeyValuePair.Create(n.Kind switch
        {
            SanKind.Uri => "uri",
            SanKind.IpAddress => "ip_address",
            SanKind.Email => "email",
            _ => "dns",
        }, n.Value)).ToList(),
        new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
}
