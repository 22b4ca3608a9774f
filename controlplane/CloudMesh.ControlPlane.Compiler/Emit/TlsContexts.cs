using CloudMesh.ControlPlane.Compiler.Specs;
using Envoy.Config.Core.V3;
using Envoy.Extensions.TransportSockets.Tls.V3;
using Envoy.Type.Matcher.V3;

namespace CloudMesh.ControlPlane.Compiler.Emit;

/// <summary>
/// App Mesh TLS settings as Envoy TLS transport sockets. Certificates from files are read by the proxy;
/// from <c>sds</c> they come from the proxy's local SDS agent; ACM certificates and ACM private CAs are
/// requested over ADS under their ARNs, which fails closed (the listener or cluster waits) until the
/// control plane serves such secrets.
/// </summary>
internal static class TlsContexts
{
    public static TransportSocket Downstream(ListenerTlsSpec tls)
    {
        var context = new DownstreamTlsContext { CommonTlsContext = Common(tls.Certificate, tls.Validation) };
        if (tls.Validation is not null)
        {
            context.RequireClientCertificate = true;
        }

        return new TransportSocket { Name = Xds.TlsTransportSocket, TypedConfig = Xds.Pack(context) };
    }

    public static TransportSocket Upstream(ClientTlsSpec tls) => new()
    {
        Name = Xds.TlsTransportSocket,
        TypedConfig = Xds.Pack(new UpstreamTlsContext { CommonTlsContext = Common(tls.Certificate, tls.Validation) }),
    };

    private static CommonTlsContext Common(CertificateSpec? certificate, ValidationSpec? validation)
    {
        var common = new CommonTlsContext();
        if (certificate is { ChainPath: { } chain, KeyPath: { } key })
        {
            common.TlsCertificates.Add(new TlsCertificate
            {
                CertificateChain = new DataSource { Filename = chain },
                PrivateKey = new DataSource { Filename = key },
            });
        }
        else if (certificate?.SdsSecretName is { } secret)
        {
            common.TlsCertificateSdsSecretConfigs.Add(new SdsSecretConfig { Name = secret, SdsConfig = Xds.LocalSds() });
        }
        else if (certificate?.AcmArn is { } arn)
        {
            common.TlsCertificateSdsSecretConfigs.Add(new SdsSecretConfig { Name = arn, SdsConfig = Xds.Ads() });
        }

        if (validation is null)
        {
            return common;
        }

        var names = new CertificateValidationContext();
        foreach (var name in validation.SubjectAlternativeNames)
        {
            names.MatchTypedSubjectAltNames.Add(new SubjectAltNameMatcher
            {
                // SPIFFE ids and other URIs are URI SANs; anything else is a DNS name.
                SanType = name.Contains("://", StringComparison.Ordinal) ? SubjectAltNameMatcher.Types.SanType.Uri : SubjectAltNameMatcher.Types.SanType.Dns,
                Matcher = new StringMatcher { Exact = name },
            });
        }

        if (validation.TrustFile is { } trustFile)
        {
            names.TrustedCa = new DataSource { Filename = trustFile };
            common.ValidationContext = names;
        }
        else
        {
            var secret = validation.TrustSdsSecret is { } sds
                ? new SdsSecretConfig { Name = sds, SdsConfig = Xds.LocalSds() }
                : new SdsSecretConfig { Name = string.Join(',', validation.TrustAcmArns), SdsConfig = Xds.Ads() };
            common.CombinedValidationContext = new CommonTlsContext.Types.CombinedCertificateValidationContext
            {
                DefaultValidationContext = names,
                ValidationContextSdsSecretConfig = secret,
            };
        }

        return common;
    }
}
