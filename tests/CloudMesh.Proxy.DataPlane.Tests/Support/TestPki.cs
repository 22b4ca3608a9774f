using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using CloudMesh.TestSupport;

namespace CloudMesh.Proxy.DataPlane.Tests.Support;

/// <summary>
/// A mesh CA, a second (untrusted) CA and PEM files in a temp directory, made with <see cref="TestCertificates"/>:
/// what App Mesh's <c>tls.certificate.file</c> and <c>validation.trust.file</c> point at.
/// </summary>
public sealed class TestPki : IDisposable
{
    private readonly TempDirectory _directory = new("cloudmesh-pki");

    public TestPki()
    {
        Authority = TestCertificates.Authority("CloudMesh Test Mesh CA");
        Stranger = TestCertificates.Authority("Someone Else's CA");
        TrustFile = _directory.Combine("ca.pem");
        TestCertificates.WritePem(TrustFile, Authority);
    }

    /// <summary>The CA the mesh trusts.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>A CA nobody in the mesh trusts.</summary>
    public X509Certificate2 Stranger { get; }

    /// <summary>The trust bundle (the mesh CA) as PEM.</summary>
    public string TrustFile { get; }

    /// <summary>Issues a leaf from the mesh CA (or <paramref name="issuer"/>) with <paramref name="names"/> as SANs and writes it as PEM files.</summary>
    public (string Chain, string Key, X509Certificate2 Certificate) Leaf(string fileName, string[] names, X509Certificate2? issuer = null)
    {
        var certificate = TestCertificates.Issue(issuer ?? Authority, names[0], names);
        var chain = _directory.Combine(fileName + ".crt.pem");
        var key = _directory.Combine(fileName + ".key.pem");
        TestCertificates.WritePem(certificate, chain, key);
        return (chain, key, certificate);
    }

    /// <summary>A path in the PKI directory.</summary>
    public string PathOf(string name) => _directory.Combine(name);

    /// <summary>App Mesh's listener <c>tls</c> JSON with file certificates and, when <paramref name="trust"/> is given, client validation.</summary>
    public static string ListenerTls(string mode, string chain, string key, string? trust = null, string[]? sans = null)
    {
        var tls = new JsonObject { ["mode"] = mode, ["certificate"] = FileCertificate(chain, key) };
        if (trust is not null)
        {
            tls["validation"] = Validation(trust, sans);
        }

        return new JsonObject { ["tls"] = tls }.ToJsonString();
    }

    /// <summary>App Mesh's <c>backendDefaults</c> JSON with a client policy validating servers against <paramref name="trust"/>, optionally presenting a client certificate.</summary>
    public static string BackendDefaultsTls(string trust, string[]? sans = null, string? chain = null, string? key = null)
    {
        var tls = new JsonObject { ["enforce"] = true, ["validation"] = Validation(trust, sans) };
        if (chain is not null)
        {
            tls["certificate"] = FileCertificate(chain, key!);
        }

        return new JsonObject { ["backendDefaults"] = new JsonObject { ["clientPolicy"] = new JsonObject { ["tls"] = tls } } }.ToJsonString();
    }

    private static JsonObject FileCertificate(string chain, string key) =>
        new() { ["file"] = new JsonObject { ["certificateChain"] = chain, ["privateKey"] = key } };

    private static JsonObject Validation(string trust, string[]? sans)
    {
        var validation = new JsonObject { ["trust"] = new JsonObject { ["file"] = new JsonObject { ["certificateChain"] = trust } } };
        if (sans is not null)
        {
            validation["subjectAlternativeNames"] = new JsonObject
            {
                ["match"] = new JsonObject { ["exact"] = new JsonArray(sans.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()) },
            };
        }

        return validation;
    }

    public void Dispose()
    {
        Authority.Dispose();
        Stranger.Dispose();
        _directory.Dispose();
    }
}
