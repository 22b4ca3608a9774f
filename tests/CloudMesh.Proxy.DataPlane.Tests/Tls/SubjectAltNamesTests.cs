using CloudMesh.Proxy.DataPlane.Tls;
using CloudMesh.Proxy.DataPlane.Translation;
using CloudMesh.TestSupport;

namespace CloudMesh.Proxy.DataPlane.Tests.Tls;

/// <summary>SAN reading (DNS, URI, IP) and Envoy's matching rules: exact, prefix, suffix, typed or any, DNS wildcards.</summary>
public sealed class SubjectAltNamesTests
{
    private static readonly System.Security.Cryptography.X509Certificates.X509Certificate2 Authority = TestCertificates.Authority("SAN test CA");

    private static SanMatcherPlan Matcher(SanKind kind, ValueMatchKind match, string value) => new(kind, new ValueCondition(match, value, null, false, 0, 0));

    [Fact]
    public void Dns_uri_and_ip_sans_are_read()
    {
        using var certificate = TestCertificates.Issue(Authority, "x", "spiffe://demo/front", "front.demo.local", "10.0.0.7");

        Assert.Equal(
            [(SanKind.Uri, "spiffe://demo/front"), (SanKind.Dns, "front.demo.local"), (SanKind.IpAddress, "10.0.0.7")],
            SubjectAltNames.Read(certificate).OrderByDescending(n => n.Kind == SanKind.Uri).ThenBy(n => n.Kind));
    }

    [Fact]
    public void Matchers_look_only_at_their_san_type_unless_untyped()
    {
        using var certificate = TestCertificates.Issue(Authority, "x", "spiffe://demo/front", "front.demo.local");

        Assert.True(SubjectAltNames.Match(certificate, [Matcher(SanKind.Uri, ValueMatchKind.Exact, "spiffe://demo/front")]));
        Assert.False(SubjectAltNames.Match(certificate, [Matcher(SanKind.Dns, ValueMatchKind.Exact, "spiffe://demo/front")]));
        Assert.True(SubjectAltNames.Match(certificate, [Matcher(SanKind.Any, ValueMatchKind.Exact, "spiffe://demo/front")]));
        Assert.True(SubjectAltNames.Match(certificate, [Matcher(SanKind.Uri, ValueMatchKind.Prefix, "spiffe://demo/")]));
        Assert.True(SubjectAltNames.Match(certificate, [Matcher(SanKind.Dns, ValueMatchKind.Suffix, ".demo.local")]));
        Assert.False(SubjectAltNames.Match(certificate, [Matcher(SanKind.Dns, ValueMatchKind.Exact, "back.demo.local")]));
        Assert.True(SubjectAltNames.Match(certificate, []));
    }

    [Fact]
    public void A_wildcard_dns_san_matches_one_label_of_an_exact_matcher()
    {
        using var certificate = TestCertificates.Issue(Authority, "x", "*.demo.local");

        Assert.True(SubjectAltNames.Match(certificate, [Matcher(SanKind.Dns, ValueMatchKind.Exact, "front.demo.local")]));
        Assert.False(SubjectAltNames.Match(certificate, [Matcher(SanKind.Dns, ValueMatchKind.Exact, "a.front.demo.local")]));
        Assert.False(SubjectAltNames.Match(certificate, [Matcher(SanKind.Dns, ValueMatchKind.Exact, "demo.local")]));
    }
}
