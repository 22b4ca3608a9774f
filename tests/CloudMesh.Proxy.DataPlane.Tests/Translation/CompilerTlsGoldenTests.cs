using System.Collections.Immutable;
using System.Text.Json;
using CloudMesh.Proxy.DataPlane.Translation;
using CloudMesh.Proxy.Xds;
using CloudMesh.TestSupport;
using CloudMesh.Xds;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Google.Protobuf;

namespace CloudMesh.Proxy.DataPlane.Tests.Translation;

/// <summary>
/// Every TLS shape the compiler emits (its golden files with listener or client-policy TLS) against the proxy's
/// translation: file certificates translate, SDS and ACM secrets are rejected as such and for nothing else.
/// </summary>
public sealed class CompilerTlsGoldenTests
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithTypeRegistry(XdsTypeRegistry.Instance).WithIgnoreUnknownFields(true));

    public static TheoryData<string> TlsCases()
    {
        var cases = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(RepoPaths.Combine("tests", "CloudMesh.ControlPlane.Compiler.Tests", "Golden")).Order(StringComparer.Ordinal))
        {
            if (File.ReadAllText(Path.Combine(directory, "input.json")).Contains("\"tls\"", StringComparison.Ordinal))
            {
                cases.Add(Path.GetFileName(directory));
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(TlsCases))]
    public void File_certificates_translate_and_only_secrets_are_rejected(string name)
    {
        var directory = RepoPaths.Combine("tests", "CloudMesh.ControlPlane.Compiler.Tests", "Golden", name);
        var input = File.ReadAllText(Path.Combine(directory, "input.json"));
        var state = Load(Path.Combine(directory, "expected.json"));
        var files = new AcceptingFiles();

        var secrets = input.Contains("\"sds\"", StringComparison.Ordinal) || input.Contains("\"acm\"", StringComparison.Ordinal);
        if (secrets)
        {
            var rejection = Assert.Throws<PlanRejection>(() => PlanTranslator.Translate(state, DataPlanePlan.Empty, files));
            Assert.Contains("SDS secret '", rejection.Message, StringComparison.Ordinal);
        }
        else
        {
            var plan = PlanTranslator.Translate(state, DataPlanePlan.Empty, files);
            Assert.True(plan.Listeners.Values.SelectMany(l => l.Chains).Any(c => c.Tls is not null) || plan.Clusters.Values.Any(c => c.Tls is not null));
            Assert.NotEmpty(files.Checked);
        }
    }

    private static XdsState Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        List<T> Read<T>(string member, MessageParser<T> parser) where T : IMessage<T> =>
            document.RootElement.GetProperty(member).EnumerateArray().Select(e => (T)Parser.Parse(e.GetRawText(), parser.ParseFrom(ByteString.Empty).Descriptor)).ToList();

        return new XdsState(
            Read("listeners", Listener.Parser).ToImmutableDictionary(l => l.Name, StringComparer.Ordinal),
            Read("routeConfigurations", RouteConfiguration.Parser).ToImmutableDictionary(r => r.Name, StringComparer.Ordinal),
            Read("clusters", Cluster.Parser).ToImmutableDictionary(c => c.Name, StringComparer.Ordinal),
            Read("clusterLoadAssignments", ClusterLoadAssignment.Parser).ToImmutableDictionary(c => c.ClusterName, StringComparer.Ordinal));
    }

    /// <summary>Takes every file for usable (the golden files name paths of the compiler's test machine).</summary>
    private sealed class AcceptingFiles : ITlsMaterialSource
    {
        public List<string> Checked { get; } = [];

        public void CheckCertificate(CertificateFilesPlan files) => Checked.Add(files.ChainPath);

        public void CheckTrustBundle(string path) => Checked.Add(path);
    }
}
