using System.Text.Json;

namespace CloudMesh.ControlPlane.Compiler.Specs;

/// <summary>Where a certificate (and its key) comes from: exactly one member is set.</summary>
/// <param name="ChainPath">file.certificateChain.</param>
/// <param name="KeyPath">file.privateKey.</param>
/// <param name="SdsSecretName">sds.secretName (a local SDS provider such as SPIRE).</param>
/// <param name="AcmArn">acm.certificateArn (served by the control plane over SDS, under its ARN).</param>
internal sealed record CertificateSpec(string? ChainPath, string? KeyPath, string? SdsSecretName, string? AcmArn)
{
    public static CertificateSpec? Parse(JsonElement? element)
    {
        if (element is not { } json)
        {
            return null;
        }

        if (json.Object("file") is { } file && file.String("certificateChain") is { } chain && file.String("privateKey") is { } key)
        {
            return new CertificateSpec(chain, key, null, null);
        }

        if (json.Object("sds")?.String("secretName") is { } secret)
        {
            return new CertificateSpec(null, null, secret, null);
        }

        return json.Object("acm")?.String("certificateArn") is { } arn ? new CertificateSpec(null, null, null, arn) : null;
    }
}

/// <summary>How to validate the peer's certificate (TlsValidationContext and its listener/gateway variants).</summary>
/// <param name="SubjectAlternativeNames">subjectAlternativeNames.match.exact; empty accepts any trusted certificate.</param>
/// <param name="TrustFile">trust.file.certificateChain.</param>
/// <param name="TrustSdsSecret">trust.sds.secretName.</param>
/// <param name="TrustAcmArns">trust.acm.certificateAuthorityArns.</param>
internal sealed record ValidationSpec(
    IReadOnlyList<string> SubjectAlternativeNames,
    string? TrustFile,
    string? TrustSdsSecret,
    IReadOnlyList<string> TrustAcmArns)
{
    public static ValidationSpec? Parse(JsonElement? element)
    {
        if (element is not { } json || json.Object("trust") is not { } trust)
        {
            return null;
        }

        var names = json.Object("subjectAlternativeNames")?.Object("match")?.Strings("exact") ?? [];
        var file = trust.Object("file")?.String("certificateChain");
        var sds = trust.Object("sds")?.String("secretName");
        var acm = trust.Object("acm")?.Strings("certificateAuthorityArns") ?? [];
        return file is null && sds is null && acm.Count == 0 ? null : new ValidationSpec(names, file, sds, acm);
    }
}

/// <summary>TLS mode of a listener.</summary>
internal enum ListenerTlsMode
{
    Disabled,
    Permissive,
    Strict,
}

/// <summary>A virtual node's or gateway's listener TLS (ListenerTls / VirtualGatewayListenerTls).</summary>
internal sealed record ListenerTlsSpec(ListenerTlsMode Mode, CertificateSpec Certificate, ValidationSpec? Validation)
{
    public static ListenerTlsSpec? Parse(JsonElement? element)
    {
        if (element is not { } json || CertificateSpec.Parse(json.Object("certificate")) is not { } certificate)
        {
            return null;
        }

        var mode = json.String("mode") switch
        {
            "STRICT" => ListenerTlsMode.Strict,
            "PERMISSIVE" => ListenerTlsMode.Permissive,
            _ => ListenerTlsMode.Disabled,
        };
        return mode == ListenerTlsMode.Disabled ? null : new ListenerTlsSpec(mode, certificate, ValidationSpec.Parse(json.Object("validation")));
    }
}

/// <summary>A client policy's TLS (ClientPolicyTls / VirtualGatewayClientPolicyTls): TLS origination towards backends.</summary>
/// <param name="Ports">The backend ports it applies to; empty means all.</param>
/// <param name="Certificate">The client certificate for mutual TLS, if any.</param>
/// <param name="Validation">How to validate the backend's certificate.</param>
internal sealed record ClientTlsSpec(IReadOnlyList<int> Ports, CertificateSpec? Certificate, ValidationSpec Validation)
{
    /// <summary>Reads clientPolicy.tls; null when absent, not enforced, or without a usable validation context.</summary>
    public static ClientTlsSpec? ParseClientPolicy(JsonElement? clientPolicy)
    {
        if (clientPolicy?.Object("tls") is not { } tls
            || tls.Bool("enforce") == false
            || ValidationSpec.Parse(tls.Object("validation")) is not { } validation)
        {
            return null;
        }

        return new ClientTlsSpec(tls.Ints("ports"), CertificateSpec.Parse(tls.Object("certificate")), validation);
    }

    public bool AppliesTo(int port) => Ports.Count == 0 || Ports.Contains(port);
}
