using System.Security.Authentication;
using CloudMesh.Proxy.DataPlane.Tls;
using CloudMesh.Xds;
using Envoy.Config.Core.V3;
using Envoy.Extensions.TransportSockets.Tls.V3;
using Envoy.Type.Matcher.V3;

namespace CloudMesh.Proxy.DataPlane.Translation;

/// <summary>
/// Envoy TLS transport sockets as <see cref="DownstreamTlsPlan"/> / <see cref="UpstreamTlsPlan"/>. Certificates and
/// trust bundles must be files: secrets over SDS (a local SDS agent such as SPIRE, or ACM certificates requested over
/// ADS) are rejected naming the secret, since this data plane has no SDS client. Every file is read once here, so a
/// missing or invalid file rejects the state (NACK) instead of failing connections later.
/// </summary>
internal static class TlsTranslator
{
    private const string RawBufferSuffix = "envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer";

    /// <summary>The filter chain's TLS, or null when its transport socket is plain (raw_buffer).</summary>
    public static DownstreamTlsPlan? Downstream(string where, TransportSocket socket, ITlsMaterialSource files)
    {
        if (IsRawBuffer(socket))
        {
            return null;
        }

        if (socket.TypedConfig is null || !XdsMessageTypes.DownstreamTlsContext.TryUnpack(socket.TypedConfig, out var context))
        {
            throw new PlanRejection($"{where}: transport socket {socket.Name} ({socket.TypedConfig?.TypeUrl ?? "no typed_config"}) is not supported (only TLS with a DownstreamTlsContext)");
        }

        if (context.RequireSni ?? false)
        {
            throw new PlanRejection($"{where}: DownstreamTlsContext.require_sni is not supported");
        }

        var common = context.CommonTlsContext ?? new CommonTlsContext();
        var certificate = Certificate(where, common, files, "server certificate")
            ?? throw new PlanRejection($"{where}: DownstreamTlsContext has no certificate (tls_certificates)");
        var validation = Validation(where, common, files, "client certificates");
        return new DownstreamTlsPlan(certificate, validation, context.RequireClientCertificate ?? false, common.AlpnProtocols.ToList(), Versions(where, common.TlsParams));
    }

    /// <summary>The cluster's TLS, or null when its transport socket is plain (raw_buffer).</summary>
    public static UpstreamTlsPlan? Upstream(string where, TransportSocket socket, ITlsMaterialSource files)
    {
        if (IsRawBuffer(socket))
        {
            return null;
        }

        if (socket.TypedConfig is null || !XdsMessageTypes.UpstreamTlsContext.TryUnpack(socket.TypedConfig, out var context))
        {
            throw new PlanRejection($"{where}: transport socket {socket.Name} ({socket.TypedConfig?.TypeUrl ?? "no typed_config"}) is not supported (only TLS with an UpstreamTlsContext)");
        }

        var common = context.CommonTlsContext ?? new CommonTlsContext();
        var certificate = Certificate(where, common, files, "client certificate");
        var validation = Validation(where, common, files, "the server's certificate");
        return new UpstreamTlsPlan(context.Sni.Length > 0 ? context.Sni : null, certificate, validation, common.AlpnProtocols.ToList(), Versions(where, common.TlsParams));
    }

    private static bool IsRawBuffer(TransportSocket socket) =>
        socket.Name == "envoy.transport_sockets.raw_buffer" || (socket.TypedConfig?.TypeUrl.EndsWith(RawBufferSuffix, StringComparison.Ordinal) ?? false);

    private static CertificateFilesPlan? Certificate(string where, CommonTlsContext common, ITlsMaterialSource files, string role)
    {
        if (common.TlsCertificateSdsSecretConfigs.Count > 0)
        {
            throw new PlanRejection($"{where}: {role} {Sds(common.TlsCertificateSdsSecretConfigs[0])}");
        }

#pragma warning disable CS0612 // deprecated fields: still rejected when set
        var provider = common.TlsCertificateProviderInstance is not null || common.TlsCertificateCertificateProvider is not null || common.TlsCertificateCertificateProviderInstance is not null;
#pragma warning restore CS0612
        if (provider)
        {
            throw new PlanRejection($"{where}: {role} from a certificate provider is not supported (use certificate files)");
        }

        if (common.TlsCertificates.Count == 0)
        {
            return null;
        }

        if (common.TlsCertificates.Count > 1)
        {
            throw new PlanRejection($"{where}: several tls_certificates (selected by key type or SNI) are not supported");
        }

        var certificate = common.TlsCertificates[0];
        if (certificate.Pkcs12 is not null || certificate.Password is not null || certificate.PrivateKeyProvider is not null)
        {
            throw new PlanRejection($"{where}: {role}: only a PEM certificate_chain and private_key without password are supported");
        }

        var plan = new CertificateFilesPlan(
            FileName(where, certificate.CertificateChain, $"{role} certificate_chain"),
            FileName(where, certificate.PrivateKey, $"{role} private_key"));
        try
        {
            files.CheckCertificate(plan);
        }
        catch (TlsMaterialException e)
        {
            throw new PlanRejection($"{where}: {role}: {e.Message}");
        }

        return plan;
    }

    private static PeerValidationPlan? Validation(string where, CommonTlsContext common, ITlsMaterialSource files, string whose)
    {
        CertificateValidationContext context;
        switch (common.ValidationContextTypeCase)
        {
            case CommonTlsContext.ValidationContextTypeOneofCase.None:
                return null;
            case CommonTlsContext.ValidationContextTypeOneofCase.ValidationContext:
                context = common.ValidationContext;
                break;
            case CommonTlsContext.ValidationContextTypeOneofCase.ValidationContextSdsSecretConfig:
                throw new PlanRejection($"{where}: trust for {whose}: {Sds(common.ValidationContextSdsSecretConfig)}");
            case CommonTlsContext.ValidationContextTypeOneofCase.CombinedValidationContext:
                throw new PlanRejection($"{where}: trust for {whose}: {Sds(common.CombinedValidationContext.ValidationContextSdsSecretConfig)}");
            default:
                throw new PlanRejection($"{where}: trust for {whose} from {common.ValidationContextTypeCase} is not supported (use a trusted_ca file)");
        }

        if (context.VerifyCertificateSpki.Count > 0 || context.VerifyCertificateHash.Count > 0 || context.Crl is not null
            || context.AllowExpiredCertificate || context.TrustChainVerification != CertificateValidationContext.Types.TrustChainVerification.VerifyTrustChain
            || context.CustomValidatorConfig is not null || context.CaCertificateProviderInstance is not null || context.SystemRootCerts is not null
            || (context.RequireSignedCertificateTimestamp ?? false))
        {
            throw new PlanRejection($"{where}: validation of {whose}: only trusted_ca and subject alt name matchers are supported");
        }

        string? trust = null;
        if (context.TrustedCa is not null)
        {
            trust = FileName(where, context.TrustedCa, "trusted_ca");
            try
            {
                files.CheckTrustBundle(trust);
            }
            catch (TlsMaterialException e)
            {
                throw new PlanRejection($"{where}: trust for {whose}: {e.Message}");
            }
        }

        var matchers = new List<SanMatcherPlan>();
        foreach (var typed in context.MatchTypedSubjectAltNames)
        {
            var kind = typed.SanType switch
            {
                SubjectAltNameMatcher.Types.SanType.Dns => SanKind.Dns,
                SubjectAltNameMatcher.Types.SanType.Uri => SanKind.Uri,
                SubjectAltNameMatcher.Types.SanType.Email => SanKind.Email,
                SubjectAltNameMatcher.Types.SanType.IpAddress => SanKind.IpAddress,
                _ => throw new PlanRejection($"{where}: subject alt name type {typed.SanType} is not supported"),
            };
            matchers.Add(new SanMatcherPlan(kind, StringMatch(where, typed.Matcher)));
        }

#pragma warning disable CS0612 // deprecated, still honoured: matches any SAN type
        foreach (var untyped in context.MatchSubjectAltNames)
#pragma warning restore CS0612
        {
            matchers.Add(new SanMatcherPlan(SanKind.Any, StringMatch(where, untyped)));
        }

        return new PeerValidationPlan(trust, matchers);
    }

    private static ValueCondition StringMatch(string where, StringMatcher? matcher)
    {
        if (matcher is null)
        {
            throw new PlanRejection($"{where}: a subject alt name matcher has no string match");
        }

        var ignoreCase = matcher.IgnoreCase;
        return matcher.MatchPatternCase switch
        {
            StringMatcher.MatchPatternOneofCase.Exact => new ValueCondition(ValueMatchKind.Exact, matcher.Exact, null, ignoreCase, 0, 0),
            StringMatcher.MatchPatternOneofCase.Prefix => new ValueCondition(ValueMatchKind.Prefix, matcher.Prefix, null, ignoreCase, 0, 0),
            StringMatcher.MatchPatternOneofCase.Suffix => new ValueCondition(ValueMatchKind.Suffix, matcher.Suffix, null, ignoreCase, 0, 0),
            StringMatcher.MatchPatternOneofCase.Contains => new ValueCondition(ValueMatchKind.Contains, matcher.Contains, null, ignoreCase, 0, 0),
            _ => throw new PlanRejection($"{where}: subject alt name match {matcher.MatchPatternCase} is not supported (exact, prefix, suffix, contains)"),
        };
    }

    private static string FileName(string where, DataSource? source, string what)
    {
        if (source is null)
        {
            throw new PlanRejection($"{where}: {what} is missing");
        }

        return source.SpecifierCase == DataSource.SpecifierOneofCase.Filename && source.Filename.Length > 0
            ? source.Filename
            : throw new PlanRejection($"{where}: {what} must be a file (filename), not {source.SpecifierCase}");
    }

    /// <summary>Why a secret over SDS cannot be served: the local SDS agent's or the control plane's (ACM).</summary>
    private static string Sds(SdsSecretConfig secret)
    {
        var source = secret.SdsConfig?.ConfigSourceSpecifierCase == ConfigSource.ConfigSourceSpecifierOneofCase.Ads
            ? "requested over ADS (how the compiler asks for ACM certificates and ACM private CAs): the control plane serves no secrets and this proxy has no SDS client"
            : "from the local SDS agent (such as SPIRE): this proxy has no SDS client";
        return $"SDS secret '{secret.Name}' {source}; use file certificates (App Mesh's tls.certificate.file / validation.trust.file) with the CloudMesh proxy, or run Envoy";
    }

    private static SslProtocols Versions(string where, TlsParameters? parameters)
    {
        if (parameters is null)
        {
            return SslProtocols.None;
        }

        if (parameters.CipherSuites.Count > 0 || parameters.EcdhCurves.Count > 0 || parameters.SignatureAlgorithms.Count > 0)
        {
            throw new PlanRejection($"{where}: tls_params cipher_suites, ecdh_curves and signature_algorithms are not supported");
        }

        var minimum = parameters.TlsMinimumProtocolVersion;
        var maximum = parameters.TlsMaximumProtocolVersion;
        if (minimum == TlsParameters.Types.TlsProtocol.TlsAuto && maximum == TlsParameters.Types.TlsProtocol.TlsAuto)
        {
            return SslProtocols.None;
        }

        // Envoy's defaults: at least TLS 1.2 (servers; clients too since 1.x), at most TLS 1.3.
        var low = minimum == TlsParameters.Types.TlsProtocol.TlsAuto ? TlsParameters.Types.TlsProtocol.Tlsv12 : minimum;
        var high = maximum == TlsParameters.Types.TlsProtocol.TlsAuto ? TlsParameters.Types.TlsProtocol.Tlsv13 : maximum;
        if (low < TlsParameters.Types.TlsProtocol.Tlsv12)
        {
            throw new PlanRejection($"{where}: TLS versions below 1.2 are not supported");
        }

        var enabled = SslProtocols.None;
        if (low <= TlsParameters.Types.TlsProtocol.Tlsv12 && high >= TlsParameters.Types.TlsProtocol.Tlsv12)
        {
            enabled |= SslProtocols.Tls12;
        }

        if (high >= TlsParameters.Types.TlsProtocol.Tlsv13)
        {
            enabled |= SslProtocols.Tls13;
        }

        return enabled == SslProtocols.None ? throw new PlanRejection($"{where}: tls_params allow no TLS version") : enabled;
    }
}
