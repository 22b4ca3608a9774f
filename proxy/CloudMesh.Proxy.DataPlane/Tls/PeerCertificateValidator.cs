using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using CloudMesh.Proxy.DataPlane.Translation;

namespace CloudMesh.Proxy.DataPlane.Tls;

/// <summary>
/// Envoy's certificate validation for both directions: the peer's chain must lead to a CA of the trust bundle (and
/// nothing else: the machine's trust store plays no part), and a SAN must pass the matchers. Host names are not
/// compared otherwise (Envoy checks only what the SAN matchers say); revocation is not checked (no CRL configured).
/// </summary>
internal static class PeerCertificateValidator
{
    /// <summary>
    /// A validation callback for <paramref name="validation"/> (null accepts any certificate, as Envoy without a
    /// validation context) counting refusals in <paramref name="counters"/>; <paramref name="refused"/> tells afterwards
    /// whether the handshake failed because of the peer's certificate.
    /// </summary>
    public static RemoteCertificateValidationCallback Callback(PeerValidationPlan? validation, TlsMaterialCache material, bool required, TlsCounters counters, StrongBox<bool> refused) =>
        (_, presented, received, _) =>
        {
            var verdict = Validate(presented, received, validation, material, required);
            switch (verdict)
            {
                case Verdict.Accepted:
                    return true;
                case Verdict.NoCertificate:
                    Interlocked.Increment(ref counters.FailVerifyNoCert);
                    break;
                case Verdict.Untrusted:
                    Interlocked.Increment(ref counters.FailVerifyError);
                    break;
                default:
                    Interlocked.Increment(ref counters.FailVerifySan);
                    break;
            }

            refused.Value = true;
            return false;
        };

    /// <summary>What the check found.</summary>
    public enum Verdict
    {
        Accepted,
        NoCertificate,
        Untrusted,
        SanMismatch,
    }

    public static Verdict Validate(X509Certificate? presented, X509Chain? received, PeerValidationPlan? validation, TlsMaterialCache material, bool required)
    {
        if (presented is null)
        {
            return required ? Verdict.NoCertificate : Verdict.Accepted;
        }

        if (validation is null)
        {
            return Verdict.Accepted;
        }

        using var owned = presented as X509Certificate2 is null ? X509CertificateLoader.LoadCertificate(presented.GetRawCertData()) : null;
        var leaf = owned ?? (X509Certificate2)presented;
        if (validation.TrustedCaPath is { } trustPath)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(material.TrustBundle(trustPath));
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            if (received is not null)
            {
                // The intermediates the peer sent.
                chain.ChainPolicy.ExtraStore.AddRange(received.ChainPolicy.ExtraStore);
                foreach (var element in received.ChainElements)
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            if (!chain.Build(leaf))
            {
                return Verdict.Untrusted;
            }
        }

        return SubjectAltNames.Match(leaf, validation.SubjectAltNames) ? Verdict.Accepted : Verdict.SanMismatch;
    }
}
